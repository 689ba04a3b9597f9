"""Job template: medical office manager (format: FORMAT.md)."""

TEMPLATE = {
    "key": "medical-office-manager",
    "version": 1,
    "title": "Medical Office Manager",
    "department": "Administration",
    "summary": (
        "Run the administrative and operational side of a medical practice, from staffing and "
        "scheduling to billing, compliance and budgets, so clinicians can focus on patients."
    ),
    "employment_type": "full_time",
    "workplace_type": "on_site",
    "pay_min": "60000.00",
    "pay_max": "85000.00",
    "pay_unit": "year",
    "education": "associate degree",
    "experience_months": 36,
    "sections": {
        "about": [
            (
                "As medical office manager at {practice_name}, you run the administrative and "
                "operational side of the practice so that our physicians, nurses and medical "
                "assistants can give their full attention to patients. You are the person who "
                "keeps every part of the office moving: the front desk, the schedule, billing and "
                "insurance, staffing, supplies, and the systems that hold it all together."
            ),
            (
                "On a typical day you might untangle a scheduling bottleneck before the first "
                "patient arrives, coach a new receptionist through a difficult insurance call, "
                "review last week's claim denials, and sit down with a worried patient to explain "
                "a bill. You lead the front-desk and support staff and work closely with the "
                "physicians and clinical leads."
            ),
            (
                "This role suits someone who enjoys both people and process: someone who can calm "
                "a tense moment in the waiting room and then open the reports to find out why it "
                "happened and make sure it does not happen again."
            ),
        ],
        "responsibilities": [
            (
                "Oversee daily operations from opening to close, making sure the office is "
                "staffed, the schedule is realistic and patients are seen without unnecessary "
                "waiting."
            ),
            (
                "Hire, train and supervise front-desk and support staff, set clear expectations, "
                "and give regular feedback and fair performance reviews."
            ),
            (
                "Build staff schedules and manage patient flow, adjusting during the day for "
                "call-outs, walk-ins and providers who are running behind."
            ),
            (
                "Write, update and enforce office policies and procedures, and make sure every "
                "team member knows where to find them and why they matter."
            ),
            (
                "Keep the practice compliant with healthcare law, including the HIPAA Privacy and "
                "Security Rules: lead staff training, review who has access to patient records, "
                "and act quickly on any concern."
            ),
            (
                "Oversee patient scheduling, billing and insurance claims, working with the "
                "billing team or outside billing service to reduce denials and keep accounts "
                "receivable current."
            ),
            (
                "Keep the electronic health record and practice-management systems up to date, "
                "including user accounts and permissions, templates and fee schedules, and work "
                "with the vendor on updates and problems."
            ),
            (
                "Prepare and manage the practice budget, run or oversee payroll, and keep a close "
                "watch on expenses."
            ),
            (
                "Track supplies and equipment inventory, reorder before anything runs out, and "
                "arrange maintenance and repairs."
            ),
            (
                "Handle patient complaints that need a manager, see each one through to a "
                "resolution, and fix the cause so it does not recur."
            ),
            (
                "Lead quality-improvement work, such as shortening wait times, improving phone "
                "access or raising patient satisfaction scores."
            ),
            (
                "Manage relationships with vendors and service providers, such as IT support, "
                "cleaning, medical waste, reference labs and equipment suppliers, and review their "
                "contracts and invoices."
            ),
            (
                "Keep the office clean, safe and welcoming for patients and staff, from the "
                "waiting room to the break room, including emergency plans and required workplace "
                "postings."
            ),
        ],
        "qualifications": [
            (
                "An associate or bachelor's degree in healthcare administration, business "
                "administration or a related field."
            ),
            (
                "At least three years of experience in a medical office or other healthcare "
                "setting, including time supervising staff."
            ),
            (
                "A solid grasp of how a medical practice runs and of medical terminology, so you "
                "can talk comfortably with clinicians, patients and insurers."
            ),
            (
                "Proven leadership: you delegate well, resolve conflict fairly and build a team "
                "people want to stay on."
            ),
            (
                "Strong organization and the ability to set priorities when several deadlines land "
                "at once."
            ),
            (
                "Clear, kind communication and a genuine commitment to service, with patients and "
                "with colleagues."
            ),
            (
                "Composure under pressure: you stay steady when the phones are busy, a provider "
                "calls in sick and the waiting room is full."
            ),
            "Close attention to detail, especially with billing, payroll and patient records.",
            (
                "Comfort with practice-management and EHR software, and a willingness to learn new "
                "systems quickly."
            ),
            "Sound ethics and complete respect for patient confidentiality.",
            (
                "Adaptability: you welcome change when it helps patients, and you help others "
                "through it."
            ),
            (
                "Certification from the Professional Association of Health Care Office Management "
                "(PAHCOM), such as the Certified Medical Manager credential, is a plus."
            ),
        ],
        "skills": [
            (
                "Practice-management and EHR software, including scheduling, registration, charge "
                "entry and reporting"
            ),
            (
                "Healthcare regulations, including HIPAA, OSHA workplace safety rules and insurer "
                "requirements"
            ),
            "Financial management: budgeting, payroll and controlling expenses",
            "Analyzing operational data and using it to improve processes",
            (
                "Medical billing and coding (CPT, ICD-10-CM and HCPCS), claim follow-up and denial "
                "management"
            ),
            (
                "Designing and delivering staff training, from new-hire orientation to annual "
                "compliance refreshers"
            ),
            "Human resources: recruiting, hiring, onboarding and performance reviews",
            "Medical terminology and a working knowledge of basic clinical procedures",
            "Practical problem solving when something breaks in the middle of a clinic day",
            (
                "Improving patient satisfaction, including reading survey results and acting on "
                "what patients tell you"
            ),
        ],
        "about_us": [
            (
                "At {practice_name}, patients come first, and we believe good care starts with a "
                "team that works well together. We value honesty, respect and follow-through, and "
                "we expect everyone, from the front desk to the exam room, to treat patients and "
                "each other with courtesy."
            ),
            (
                "We offer competitive pay that reflects your experience, paid time off, and "
                "support for continuing education and certification. We want our managers to keep "
                "growing, and we are glad to invest in the training and credentials that help you "
                "do this job well."
            ),
            (
                "We respect your time outside work. We plan schedules ahead, share the load fairly "
                "and aim for clinic days that end when they should, so you can be fully present "
                "both here and at home."
            ),
        ],
        "how_to_apply": [
            (
                "To apply, submit your résumé and answer the short questions on the application "
                "form. A cover letter is welcome but not required; if you write one, tell us about "
                "a change you led in a medical office and what it achieved."
            ),
            (
                "We read every application. If your background is a good fit, we will contact you "
                "to arrange a phone conversation, followed by an interview at the practice with "
                "members of our leadership team. We may ask for references before making an offer."
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
            "kind": "number",
            "label": (
                "How many years have you worked in a medical practice or other healthcare setting?"
            ),
            "required": True,
            "choices": [],
            "knockout": [],
        },
        {
            "kind": "number",
            "label": "How many years have you supervised or managed staff?",
            "required": True,
            "choices": [],
            "knockout": [],
        },
        {
            "kind": "multiple_choice",
            "label": "Which of these certifications do you currently hold?",
            "required": False,
            "choices": [
                "Certified Medical Manager (CMM) from PAHCOM",
                "Certified Medical Practice Executive (CMPE)",
                "Certified Physician Practice Manager (CPPM)",
                "Certified Medical Office Manager (CMOM)",
                "Certified Professional Coder (CPC)",
                "None of these",
            ],
            "knockout": [],
        },
    ],
    "interview_questions": [
        {
            "question": (
                "Tell me about a time you led a major change in a medical office, such as rolling "
                "out new practice-management or EHR software. How did you plan it, and how did you "
                "bring the team along?"
            ),
            "listen_for": [
                (
                    "Planned before go-live: a timeline, checks on the migrated data, training by "
                    "role and a lighter patient schedule for the first days"
                ),
                (
                    "Explained the reason for the change and involved staff early, for example by "
                    "naming super-users from the front desk and the clinical team"
                ),
                (
                    "Describes a real problem that came up, such as staff resistance or a gap in "
                    "billing, and how they solved it"
                ),
                (
                    "Measured the result afterwards, such as check-in time, days to submit a claim "
                    "or how many staff were using the new system fully"
                ),
            ],
            "follow_ups": [
                "Who resisted the change, and what did you do about it?",
                "What would you do differently if you ran the same rollout again?",
            ],
        },
        {
            "question": (
                "Tell me about a time you turned an unhappy patient around. What was the problem, "
                "and what did you do?"
            ),
            "listen_for": [
                (
                    "Listened first, let the patient finish, and acknowledged the frustration "
                    "without blaming staff or the patient"
                ),
                (
                    "Took ownership of a specific next step and a time to follow up, then kept "
                    "that promise"
                ),
                (
                    "Fixed the underlying cause, such as a scheduling rule, a phone script or a "
                    "training gap, so it did not happen again"
                ),
            ],
            "follow_ups": [
                (
                    "Suppose the complaint is a billing mix-up: a patient received a bill for a "
                    "visit they believe their insurance should have covered. What do you do first, "
                    "and who do you involve?"
                ),
                "How do you decide whether to adjust a balance, and who has to approve it?",
            ],
        },
        {
            "question": (
                "It is mid-morning. The phone is ringing, a nurse needs an answer from you about a "
                "patient's insurance, and a patient at the front desk says they feel dizzy and "
                "unwell. What do you do, and in what order?"
            ),
            "listen_for": [
                (
                    "Puts the unwell patient first: gets clinical staff to them right away and "
                    "makes sure they are seated and not left alone"
                ),
                (
                    "Lets the phone go to another staff member or to voicemail with a prompt call "
                    "back, rather than leaving the patient"
                ),
                (
                    "Returns to the nurse as soon as the patient is safe, and gives a clear time "
                    "if the answer needs research"
                ),
                "Afterwards, considers whether front-desk coverage or roles need to change",
            ],
            "follow_ups": [
                "What if no one else is free to pick up the phones?",
                (
                    "How do you teach your front-desk staff to make the same call when you are not "
                    "there?"
                ),
            ],
        },
        {
            "question": (
                "Tell me about your experience keeping a practice compliant with HIPAA and other "
                "healthcare rules. Describe a compliance gap you found and what you did about it."
            ),
            "listen_for": [
                (
                    "Gives a specific example, such as an outdated risk analysis, shared log-ins "
                    "or unsecured paper records, rather than speaking in general terms"
                ),
                (
                    "Knows the difference between the HIPAA Privacy Rule and Security Rule and "
                    "what each asks of a practice"
                ),
                (
                    "Closed the gap with written policy, staff training and a follow-up check, and "
                    "documented each step"
                ),
                (
                    "Involved the privacy or security officer, and outside IT or legal help when "
                    "the issue called for it"
                ),
            ],
            "follow_ups": [
                (
                    "What administrative safeguards have you put in place for electronic protected "
                    "health information, such as a security risk analysis, role-based access, "
                    "workforce training and reviews of who opened which record?"
                ),
                (
                    "How do you make sure staff disclose only the minimum necessary information, "
                    "for example when an insurer, an attorney or an outside vendor asks for "
                    "records?"
                ),
            ],
        },
        {
            "question": (
                "A receptionist confirms a patient's diagnosis to a caller who says she is the "
                "patient's sister. Later that week, a patient tells you she asked for a copy of "
                "her records six weeks ago and has heard nothing. How do you handle each situation?"
            ),
            "listen_for": [
                (
                    "Recognizes the first as a likely impermissible disclosure of protected health "
                    "information: checks whether the patient had authorized the sister, documents "
                    "the incident and works with the privacy officer on a breach risk assessment"
                ),
                (
                    "Coaches the receptionist privately on verifying identity and authorization "
                    "before sharing anything, and refreshes training for the whole front desk"
                ),
                (
                    "Treats the records request as the patient's legal right: knows HIPAA allows "
                    "30 days, with one 30-day extension, and a reasonable, cost-based fee, and "
                    "gets her the records without further delay"
                ),
                "Sets up a log so every records request is tracked to completion",
            ],
            "follow_ups": [
                (
                    "Walking through a front office, which safeguards would you check first, such "
                    "as screen placement, sign-in sheets, fax and printer locations and how paper "
                    "charts are stored?"
                ),
                (
                    "When does an incident like the first one have to be reported to the patient "
                    "or to the government?"
                ),
            ],
        },
        {
            "question": (
                "Tell me about a time two members of your staff were in conflict. How did you "
                "resolve it?"
            ),
            "listen_for": [
                (
                    "Met with each person privately to understand the facts before bringing them "
                    "together"
                ),
                "Kept the focus on behavior and patient care, not personalities",
                (
                    "Agreed on specific changes, such as how tasks are divided or handed off, and "
                    "checked back later"
                ),
                "Knew when to document the conversations or involve HR",
            ],
            "follow_ups": [
                "How would your team describe your management style?",
                "Give an example of how you show appreciation to your staff day to day.",
            ],
        },
        {
            "question": (
                "Describe a time you coached an employee whose work was falling short. What did "
                "you do, and what happened?"
            ),
            "listen_for": [
                (
                    "Raised the issue early and privately, with specific examples rather than "
                    "general complaints"
                ),
                (
                    "Set clear expectations, offered training or support, and agreed on a timeline "
                    "for improvement"
                ),
                "Documented the conversations and followed up when they said they would",
                (
                    "Recognized the improvement when it came, or acted fairly and consistently "
                    "when it did not"
                ),
            ],
            "follow_ups": [
                "Tell me about a time you led by example to set the standard for your team.",
                "What did that situation teach you about yourself as a manager?",
            ],
        },
        {
            "question": (
                "Which reports do you review to understand how a practice is doing, and how often? "
                "Tell me about a time the numbers showed you an inefficiency and what you changed."
            ),
            "listen_for": [
                (
                    "Names specific measures, such as no-show rate, patient wait time, claim "
                    "denial rate, days in accounts receivable or schedule utilization"
                ),
                (
                    "Has a regular cadence, for example daily for the schedule and collections, "
                    "weekly for denials and monthly for financial results"
                ),
                "Traced a problem to its cause, made a change and measured whether it worked",
                "Shares results with staff and providers in a way that leads to action",
            ],
            "follow_ups": [
                "Which report do you think most practices overlook?",
                "How did you get the team behind the change the data pointed to?",
            ],
        },
        {
            "question": (
                "Walk me through the healthcare settings you have worked in, and tell me how you "
                "keep your knowledge current as rules, codes and insurer policies change."
            ),
            "listen_for": [
                (
                    "Describes concrete experience in medical offices, such as the specialties, "
                    "the size of the team and the systems used"
                ),
                "Uses medical and billing terminology accurately and comfortably",
                (
                    "Keeps current through specific sources, such as insurer bulletins, "
                    "professional associations and the annual coding updates"
                ),
                (
                    "Holds or is working toward a professional credential, such as certification "
                    "from the Professional Association of Health Care Office Management (PAHCOM)"
                ),
            ],
            "follow_ups": [
                (
                    "Tell me about a regulation or insurer change that affected a practice you "
                    "worked in, and how you prepared for it."
                ),
            ],
        },
    ],
    "competencies": [
        {
            "name": "Healthcare experience and knowledge",
            "description": (
                "Understands how a medical practice works, speaks the language of clinicians and "
                "insurers, and keeps that knowledge current."
            ),
            "anchors": [
                (
                    "Has little healthcare experience and struggles with basic medical or "
                    "insurance terms."
                ),
                (
                    "Has worked in healthcare but in a narrow role, and has clear gaps in how a "
                    "practice runs as a whole."
                ),
                (
                    "Has several years in medical offices and explains scheduling, billing and "
                    "clinical workflows accurately."
                ),
                (
                    "Brings deep and varied practice experience, keeps up with rule and insurer "
                    "changes, and holds or is pursuing a credential such as PAHCOM certification."
                ),
            ],
        },
        {
            "name": "Leadership and management",
            "description": (
                "Hires, develops and leads staff; delegates, resolves conflict and addresses "
                "performance fairly."
            ),
            "anchors": [
                (
                    "Gives no clear example of leading people, or describes avoiding conflict and "
                    "performance problems."
                ),
                (
                    "Has supervised staff but tends to do the work themselves and handles conflict "
                    "inconsistently."
                ),
                (
                    "Gives specific examples of delegating, coaching an under-performer and "
                    "resolving a conflict with a good outcome."
                ),
                (
                    "Has built a stable team, shows how they develop and recognize people, and can "
                    "point to lower turnover or better results under their leadership."
                ),
            ],
        },
        {
            "name": "Organization and prioritization",
            "description": (
                "Keeps many moving parts on track and makes sound choices when demands collide."
            ),
            "anchors": [
                (
                    "Describes missed deadlines or confusion about what comes first, with no "
                    "system for tracking work."
                ),
                (
                    "Is organized on routine days but loses track when several urgent items arrive "
                    "at once."
                ),
                (
                    "Uses a clear system for tasks and deadlines and puts patient safety first "
                    "when priorities clash."
                ),
                (
                    "Anticipates crunch points such as payroll, audits and flu season, plans for "
                    "them, and has taught the team to prioritize well without them."
                ),
            ],
        },
        {
            "name": "Communication and patient service",
            "description": (
                "Communicates clearly and kindly with patients, staff and providers, and keeps the "
                "patient's experience at the center."
            ),
            "anchors": [
                (
                    "Speaks about patients or staff dismissively, or explains things in a "
                    "confusing way."
                ),
                (
                    "Is polite but passive, settling the immediate complaint without following up "
                    "or fixing the cause."
                ),
                (
                    "Listens well, explains plainly and gives clear examples of resolving patient "
                    "complaints to the patient's satisfaction."
                ),
                (
                    "Raises the standard of service for the whole office, for example with "
                    "scripts, training or patient feedback that measurably improved satisfaction."
                ),
            ],
        },
        {
            "name": "Attitude under pressure",
            "description": (
                "Stays calm, positive and practical when the day goes wrong, and steadies the "
                "people around them."
            ),
            "anchors": [
                "Describes losing composure or blaming others when things went wrong.",
                "Copes under pressure but shows stress in ways that unsettle the team.",
                (
                    "Stays calm in a crisis, makes sensible decisions and keeps patients and staff "
                    "informed."
                ),
                (
                    "Is the steadying presence others look to in a crisis, and reviews what "
                    "happened afterwards to prevent a repeat."
                ),
            ],
        },
        {
            "name": "Compliance knowledge",
            "description": (
                "Knows HIPAA and other healthcare rules well enough to protect patients and the "
                "practice, and builds compliance into daily work."
            ),
            "anchors": [
                (
                    "Cannot describe basic HIPAA requirements, or treats compliance as someone "
                    "else's job."
                ),
                (
                    "Knows the general rules but misses common violations, such as disclosing more "
                    "than necessary or letting a records request go unanswered."
                ),
                (
                    "Recognizes the common HIPAA violations, responds to incidents correctly and "
                    "trains staff on safeguards."
                ),
                (
                    "Has led risk analyses, written policies and internal audits, and can show how "
                    "they kept a practice compliant over time."
                ),
            ],
        },
        {
            "name": "Data and reporting",
            "description": (
                "Reviews operational and financial reports regularly to spot problems and improve "
                "how the practice runs."
            ),
            "anchors": [
                (
                    "Does not review reports, or cannot name the measures that matter in a medical "
                    "practice."
                ),
                "Looks at reports now and then but rarely turns them into changes.",
                (
                    "Reviews key measures on a regular schedule and gives an example of fixing an "
                    "inefficiency the data revealed."
                ),
                (
                    "Keeps a simple set of measures the whole team understands, tracks trends over "
                    "time and shows measured improvements from their changes."
                ),
            ],
        },
    ],
}
