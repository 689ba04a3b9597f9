"""Job template: medical receptionist, the front-desk coordinator (format: FORMAT.md)."""

TEMPLATE = {
    "key": "medical-receptionist",
    "version": 1,
    "title": "Medical Receptionist",
    "department": "Front office",
    "summary": (
        "Welcome patients, run check-in and check-out, answer the phones, keep the schedule "
        "accurate and verify insurance at the front desk of a medical practice."
    ),
    "employment_type": "full_time",
    "workplace_type": "on_site",
    "pay_min": "17.50",
    "pay_max": "23.00",
    "pay_unit": "hour",
    "education": "high school",
    "experience_months": 6,
    "sections": {
        "about": [
            (
                "As medical receptionist at {practice_name}, you are the first voice patients hear "
                "on the phone and the first face they see when they walk in. You set the tone for "
                "every visit: a calm, friendly welcome, a smooth check-in and a clear answer to "
                "the question that brought them to the desk."
            ),
            (
                "You coordinate the front desk: checking patients in and out, answering phones, "
                "keeping the schedule accurate, verifying insurance and collecting copays. Your "
                "accuracy at registration means claims get paid and patients avoid surprise bills, "
                "and your care with private information protects the trust patients place in us."
            ),
            (
                "You work closely with the office manager, the clinical team and billing. If you "
                "enjoy helping people, like a well-organized day and stay kind when the waiting "
                "room fills up, you will do well here."
            ),
        ],
        "responsibilities": [
            (
                "Greet every patient and visitor warmly, check patients in and out, and let "
                "waiting patients know when the schedule is running behind."
            ),
            (
                "Answer a multi-line phone promptly and courteously, route calls to the right "
                "person, and take complete, accurate messages."
            ),
            (
                "Schedule, reschedule and confirm appointments in the practice-management or EHR "
                "system, matching each visit to the right provider, visit type and length."
            ),
            (
                "Register new patients and update returning patients' details: demographics, "
                "insurance, photo ID and insurance cards, emergency contacts and preferred "
                "pharmacy."
            ),
            (
                "Hand out, collect and check intake forms, consents and the acknowledgment of the "
                "notice of privacy practices, and scan each document into the correct chart."
            ),
            (
                "Verify insurance eligibility and benefits before visits, and flag inactive "
                "coverage, missing referrals or prior authorization needs before the patient is "
                "seen."
            ),
            (
                "Collect copays, deductibles and outstanding balances at check-in or check-out, "
                "issue receipts, and balance the cash drawer at the end of the day."
            ),
            (
                "Explain the practice's financial policies in plain terms, and pass detailed "
                "billing questions to the billing team."
            ),
            (
                "Protect patient privacy at the desk: keep voices low, keep screens and paperwork "
                "out of view, and verify a caller's identity before discussing anything."
            ),
            (
                "Manage appointment reminders, no-shows, cancellations and the waitlist so open "
                "appointments get filled."
            ),
            (
                "Route urgent and clinical calls to a nurse or provider according to practice "
                "protocol, without giving medical advice yourself."
            ),
            (
                "Process incoming referrals, faxes and records requests, and get each one to the "
                "right person."
            ),
            (
                "Keep the waiting room clean, tidy and stocked with forms, and help patients who "
                "need extra assistance, such as arranging an interpreter or helping with a form."
            ),
        ],
        "qualifications": [
            "A high school diploma or GED.",
            (
                "At least six months of experience in a customer-facing role; front-desk "
                "experience in a medical or dental office is a strong plus."
            ),
            (
                "A calm, welcoming manner with patients of all ages, including those who are "
                "unwell, worried or frustrated."
            ),
            "Clear, friendly communication on the phone and in person.",
            "Accuracy with names, dates of birth, insurance numbers and payments.",
            (
                "The ability to keep the phone, the desk and the schedule moving without losing "
                "track of any of them."
            ),
            (
                "Respect for patient privacy and a working understanding of HIPAA at the front "
                "desk, or a commitment to learning it thoroughly."
            ),
            (
                "Comfort with computers and the ability to learn a new scheduling or EHR system "
                "quickly."
            ),
            (
                "Reliability: you arrive on time and ready, because the front desk cannot open "
                "without you."
            ),
            "A team player who pitches in when a coworker is out or the day gets busy.",
        ],
        "skills": [
            (
                "Scheduling in EHR or practice-management software, including provider templates "
                "and visit types"
            ),
            "Checking insurance eligibility through insurer portals or a clearinghouse",
            "Understanding copays, coinsurance, deductibles, referrals and prior authorizations",
            "Basic medical terminology, enough to book the right visit and route calls correctly",
            "Handling cash, card payments and receipts, and balancing a drawer",
            "Multi-line phone systems and a professional phone manner",
            "Fast, accurate typing and data entry",
            "Calming a tense conversation with patience and respect",
            "Organizing paperwork and scanning documents to the correct chart",
        ],
        "about_us": [
            (
                "At {practice_name}, we want every patient to feel expected and cared for from the "
                "moment they call. The front desk, the clinical staff and billing work as one "
                "team, and we help each other out when the day gets busy."
            ),
            (
                "We offer competitive pay, paid time off, and support for continuing education and "
                "certification. We train new team members on our systems and routines, and we are "
                "glad to help you grow toward your next step, whether that is billing, patient "
                "access or office management."
            ),
            (
                "We plan schedules in advance and respect your time away from work. We aim to "
                "close the day on time and to share coverage fairly, so no one carries the busiest "
                "shifts alone."
            ),
        ],
        "how_to_apply": [
            (
                "To apply, submit your résumé and answer the short questions on the application "
                "form. No cover letter is needed, but if you would like to add a note, tell us "
                "what you enjoy about helping people at a front desk."
            ),
            (
                "We read every application. If your experience is a good fit, we will call you for "
                "a short phone conversation, then invite you to interview at the practice and meet "
                "the people you would work with."
            ),
            "Whatever the outcome, we will let you know where your application stands.",
        ],
    },
    "application_questions": [
        {
            "kind": "yes_no",
            "label": "Are you legally authorized to work in the United States?",
            "required": True,
            "choices": [],
            "knockout": ["no"],
        },
        {
            "kind": "yes_no",
            "label": (
                "This role works on site during the practice's regular office hours. Are you "
                "available to work those hours?"
            ),
            "required": True,
            "choices": [],
            "knockout": ["no"],
        },
        {
            "kind": "number",
            "label": (
                "How many years have you worked at a front desk or reception desk in a medical or "
                "dental office?"
            ),
            "required": True,
            "choices": [],
            "knockout": [],
        },
        {
            "kind": "multiple_choice",
            "label": "Which of these front-desk tasks have you done in a previous job?",
            "required": False,
            "choices": [
                "Checking patients in and out",
                "Scheduling in an EHR or practice-management system",
                "Verifying insurance eligibility",
                "Collecting copays and balances",
                "Answering a multi-line phone",
                "None of these yet",
            ],
            "knockout": [],
        },
    ],
    "interview_questions": [
        {
            "question": (
                "Tell me about a time a patient or customer came to your desk upset, for example "
                "after a long wait. What did you say and do?"
            ),
            "listen_for": [
                "Stayed calm, listened without interrupting and acknowledged the frustration",
                (
                    "Gave honest information, such as how much longer the wait was likely to be, "
                    "and offered a choice such as rescheduling"
                ),
                (
                    "Brought in a manager or clinician when the situation called for it, rather "
                    "than arguing"
                ),
                (
                    "Followed up, for example by checking back with the patient or telling the "
                    "team what caused the delay"
                ),
            ],
            "follow_ups": [
                "What would you do if the patient raised their voice in front of the waiting room?",
                "How do you reset yourself so the next patient gets a fresh welcome?",
            ],
        },
        {
            "question": (
                "Two patients are waiting to check in, the phone is ringing, and a provider asks "
                "you to fit in a sick patient this afternoon. Walk me through how you handle the "
                "next five minutes."
            ),
            "listen_for": [
                (
                    "Acknowledges the waiting patients with eye contact and a quick word, even "
                    "while busy"
                ),
                (
                    "Answers the phone with a brief, polite hold or takes a call-back number "
                    "instead of letting it ring out"
                ),
                (
                    "Finds a time for the sick patient using the schedule rules, or asks the "
                    "provider where to put them"
                ),
                (
                    "Stays accurate, for example by not rushing identity or insurance checks to "
                    "clear the line"
                ),
            ],
            "follow_ups": [
                "Which task would you let wait, and why?",
                "How would you get help from a coworker without leaving the desk?",
            ],
        },
        {
            "question": (
                "A patient arrives for a visit, and your eligibility check shows their insurance "
                "is inactive. How do you handle it?"
            ),
            "listen_for": [
                "Raises it discreetly, without embarrassing the patient in front of others",
                (
                    "Asks whether they have new coverage, updates the card and checks eligibility "
                    "again"
                ),
                (
                    "Explains the options plainly, such as self-pay, rescheduling or a word with "
                    "billing, following practice policy"
                ),
                (
                    "Lets the clinical team know if the visit may be delayed, and notes what was "
                    "discussed in the account"
                ),
            ],
            "follow_ups": [
                "How would you catch a problem like this before the day of the visit?",
                (
                    "How would you explain the difference between a copay and a deductible to a "
                    "patient?"
                ),
            ],
        },
        {
            "question": (
                "A caller says he is a patient's husband and asks what time his wife's appointment "
                "is and what it is for. What do you do?"
            ),
            "listen_for": [
                (
                    "Does not confirm the appointment or its reason without checking for the "
                    "patient's permission on file"
                ),
                (
                    "Stays courteous, explains why, and offers to take a message or have the "
                    "patient call back"
                ),
                (
                    "Knows the practice's steps for verifying a caller's identity and who is "
                    "allowed to act for a patient"
                ),
                (
                    "Gives other examples of privacy at the desk, such as screen placement, "
                    "sign-in sheets and lowered voices"
                ),
            ],
            "follow_ups": [
                (
                    "What would you do if you overheard a coworker discussing a patient where "
                    "others could hear?"
                ),
                (
                    "How do you confirm a patient's date of birth at a crowded desk without "
                    "announcing it to the room?"
                ),
            ],
        },
        {
            "question": (
                "Tell me about a time you had to ask someone for a payment they were not "
                "expecting. How did you handle the conversation?"
            ),
            "listen_for": [
                "Explained the amount and the reason plainly, without jargon or blame",
                (
                    "Kept the conversation respectful and private, and offered the options the "
                    "practice allows, such as a payment plan or a call with billing"
                ),
                "Recorded the payment or arrangement accurately and gave a receipt",
            ],
            "follow_ups": ["What do you do if the patient says they cannot pay today?"],
        },
        {
            "question": (
                "Tell me about a mistake you made in scheduling, data entry or handling money. How "
                "did you find it, and what did you do?"
            ),
            "listen_for": [
                "Owns the mistake plainly, without shifting the blame",
                (
                    "Fixed it quickly and told the right person, such as a supervisor or the "
                    "patient affected"
                ),
                (
                    "Changed a habit afterwards, such as reading details back to callers or "
                    "double-checking dates of birth"
                ),
            ],
            "follow_ups": [
                "How do you check your own work when the desk is busy?",
                "What would you do if you noticed a coworker's mistake?",
            ],
        },
        {
            "question": (
                "A patient calls, says they have had chest pain since this morning, and asks for "
                "the first available appointment. What do you do?"
            ),
            "listen_for": [
                "Recognizes the call as urgent and does not simply book the next open appointment",
                (
                    "Follows practice protocol: gets a nurse or provider on the line right away, "
                    "or tells the caller to call 911 if that is the protocol"
                ),
                "Does not give medical advice themselves, and documents the call",
            ],
            "follow_ups": [
                "Which other symptoms would make you get a nurse on the line immediately?",
                "What would you do if no nurse was free to take the call?",
            ],
        },
        {
            "question": (
                "Tell me about a time you had to learn a new computer system or process at work. "
                "How did you get up to speed?"
            ),
            "listen_for": [
                (
                    "Took the initiative, for example by practicing in a training version, making "
                    "notes or asking an experienced user"
                ),
                "Kept patients or customers served while still learning",
                (
                    "Names the systems they have used, such as a specific EHR, scheduling or "
                    "payment program"
                ),
            ],
            "follow_ups": ["What did you do when you were stuck and no one was free to help?"],
        },
        {
            "question": (
                "Describe a day when your workplace was short-staffed. What did you do to keep "
                "things running?"
            ),
            "listen_for": [
                "Took on extra tasks willingly and told the team clearly what was covered",
                "Put patient-facing work first and let tasks that could wait, wait",
                "Stayed positive and kept the stress from showing to patients",
            ],
            "follow_ups": [
                "What did you learn from that day that you still use?",
                "How do you ask for help when you are the one falling behind?",
            ],
        },
    ],
    "competencies": [
        {
            "name": "Patient welcome and service",
            "description": (
                "Makes every patient feel expected and respected, in person and on the phone."
            ),
            "anchors": [
                (
                    "Describes patients as interruptions, or gives examples of curt or dismissive "
                    "service."
                ),
                "Is polite but scripted, and struggles to connect with upset or anxious patients.",
                (
                    "Greets patients warmly, listens well and gives examples of calming a "
                    "frustrated patient."
                ),
                (
                    "Anticipates patient needs, such as explaining a delay before anyone asks, and "
                    "has been recognized by patients or managers for their service."
                ),
            ],
        },
        {
            "name": "Scheduling and phone accuracy",
            "description": (
                "Books the right visit with the right provider at the right time, and handles "
                "every call promptly and completely."
            ),
            "anchors": [
                "Has little scheduling experience, or describes frequent booking errors.",
                (
                    "Can book routine appointments but is unsure about visit types, provider "
                    "templates or fitting in urgent visits."
                ),
                (
                    "Schedules accurately, takes complete messages and explains how they keep the "
                    "schedule full and realistic."
                ),
                (
                    "Actively manages the schedule, filling cancellations from the waitlist and "
                    "reducing no-shows with reminders and follow-up."
                ),
            ],
        },
        {
            "name": "Insurance and payments",
            "description": (
                "Verifies coverage, explains patient costs plainly and handles money accurately."
            ),
            "anchors": [
                (
                    "Cannot explain basic terms such as copay or deductible, and has never "
                    "collected payments."
                ),
                (
                    "Knows the terms but is uncomfortable asking patients for payment or checking "
                    "eligibility."
                ),
                (
                    "Verifies eligibility before visits, collects payments confidently and "
                    "respectfully, and balances a drawer without errors."
                ),
                (
                    "Catches coverage problems days ahead, explains costs so patients are rarely "
                    "surprised, and helps raise collections at the time of service."
                ),
            ],
        },
        {
            "name": "Privacy and confidentiality",
            "description": (
                "Protects patients' health information at the desk, on the phone and on screen."
            ),
            "anchors": [
                (
                    "Would share appointment or health details with a caller without checking "
                    "permission."
                ),
                (
                    "Knows privacy matters but cannot describe practical ways to protect it at a "
                    "busy desk."
                ),
                (
                    "Verifies identity and permission before sharing information, and keeps "
                    "screens, paperwork and conversations private."
                ),
                (
                    "Spots privacy risks others miss, such as a visible sign-in sheet or a fax "
                    "left on the printer, and helps the team fix them."
                ),
            ],
        },
        {
            "name": "Organization and multitasking",
            "description": (
                "Keeps the desk, the phone and the paperwork under control when several things "
                "need attention at once."
            ),
            "anchors": [
                (
                    "Becomes overwhelmed or loses track of tasks when more than one thing happens "
                    "at a time."
                ),
                "Handles routine days well but drops tasks, such as call-backs, when it gets busy.",
                (
                    "Prioritizes sensibly, keeps a simple system for call-backs and forms, and "
                    "ends the day with nothing left hanging."
                ),
                (
                    "Sets the desk up so busy periods run smoothly, for example by preparing forms "
                    "and verifying insurance the day before."
                ),
            ],
        },
        {
            "name": "Composure under pressure",
            "description": (
                "Stays calm, kind and clear-headed when the waiting room is full or a patient is "
                "upset."
            ),
            "anchors": [
                "Describes snapping at patients or coworkers, or freezing when things go wrong.",
                "Stays polite under pressure but visibly stressed, in a way patients notice.",
                (
                    "Keeps a calm tone and a steady pace during busy or tense moments, and asks "
                    "for help when needed."
                ),
                (
                    "Steadies others on a difficult day and recognizes at once when a situation "
                    "needs a manager or clinician."
                ),
            ],
        },
        {
            "name": "Judgment and teamwork",
            "description": (
                "Knows what the front desk should and should not handle, routes clinical questions "
                "correctly and supports colleagues."
            ),
            "anchors": [
                (
                    "Would give medical advice to callers, or would book a caller with urgent "
                    "symptoms into the next routine opening."
                ),
                "Routes calls correctly most of the time but is unsure when a call is urgent.",
                (
                    "Follows protocol for urgent calls, passes clinical questions to the right "
                    "person and helps teammates without being asked."
                ),
                (
                    "Makes sound calls in urgent situations every time and is the person coworkers "
                    "rely on when the office is short-staffed."
                ),
            ],
        },
    ],
}
