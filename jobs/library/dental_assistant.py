"""Job template: Dental Assistant (see FORMAT.md)."""

TEMPLATE = {
    "key": "dental-assistant",
    "version": 1,
    "title": "Dental Assistant",
    "department": "Clinical",
    "summary": (
        "Works chairside with the dentist, keeps operatories and instruments safe and ready, takes "
        "radiographs and impressions where certified, and helps patients feel at ease."
    ),
    "employment_type": "full_time",
    "workplace_type": "on_site",
    "pay_min": "20.00",
    "pay_max": "28.00",
    "pay_unit": "hour",
    "education": "high school",
    "experience_months": 0,
    "sections": {
        "about": [
            "As a Dental Assistant, you work side by side with the dentist and spend more time "
            "with each patient than almost anyone else on the team. You seat and prepare "
            "patients, assist chairside during procedures, take radiographs and impressions or "
            "digital scans as your certification allows, and make sure every patient leaves "
            "knowing how to look after themselves once treatment is done.",
            "Just as important is the work patients rarely see: turning rooms over between "
            "appointments, processing instruments through cleaning and sterilization, and "
            "following infection-control and OSHA standards every time. A well-run sterilization "
            "area and a fully prepared operatory keep patients safe and keep the schedule on "
            "time.",
            "We are looking for someone steady, observant, and kind, who has the next instrument "
            "ready before the dentist asks and notices when a patient is nervous. Experienced "
            "assistants will find room to use everything they know, and recent graduates of a "
            "dental assisting program will find a team that is glad to teach.",
        ],
        "responsibilities": [
            "Prepare operatories and tray setups for each procedure on the schedule, including "
            "exams, fillings, crowns, root canals, extractions, and emergency visits.",
            "Seat patients, review and update medical histories and medication lists, take blood "
            "pressure, and tell the dentist about anything that could affect treatment.",
            "Assist chairside using four-handed technique: pass instruments, operate high-volume "
            "evacuation, retract and isolate the field, and mix and deliver materials.",
            "Take intraoral and extraoral radiographs, such as bitewings, periapicals, and "
            "panoramic images, as your state certification allows, keeping exposure as low as "
            "reasonably achievable.",
            "Take alginate impressions and digital scans, fabricate temporary crowns, and perform "
            "other expanded functions permitted by your state and your training.",
            "Turn over operatories between patients: remove barriers, clean and disinfect "
            "surfaces with an EPA-registered disinfectant for its full contact time, place fresh "
            "barriers, and flush and maintain dental unit waterlines.",
            "Process instruments through the full cycle of transport, cleaning, inspection, "
            "packaging, sterilization, and storage, with a chemical indicator in every package "
            "and weekly biological (spore) test results on file.",
            "Follow the OSHA Bloodborne Pathogens Standard and the practice's exposure control "
            "plan, including correct personal protective equipment, safe sharps handling, and "
            "immediate reporting of any exposure.",
            "Keep patients comfortable by explaining each step, watching for signs of anxiety or "
            "pain, and letting the dentist know when a patient needs a pause.",
            "Give clear post-operative instructions, spoken and written, after extractions, "
            "fillings, crown preparations, and other procedures, and make follow-up calls when "
            "asked.",
            "Chart treatment, clinical notes, and restorative and periodontal findings accurately "
            "in the practice's dental software, and keep treatment plan notes current.",
            "Monitor and restock supplies and materials, report equipment problems, and keep "
            "sterilizer and equipment maintenance logs according to the manufacturers' "
            "instructions.",
        ],
        "qualifications": [
            "Completion of a dental assisting program, or chairside experience in a general or "
            "specialty dental office.",
            "The radiography certificate or permit your state requires to take dental X-rays, or "
            "the willingness to earn it promptly after you are hired.",
            "Expanded-function or registered dental assistant credentials where the state "
            "requires them for the duties above; DANB Certified Dental Assistant (CDA) "
            "certification is a plus.",
            "Current CPR or BLS certification for healthcare providers.",
            "Working knowledge of infection control, sterilization, and the OSHA Bloodborne "
            "Pathogens Standard, and the habit of completing every step even when the schedule is "
            "tight.",
            "Familiarity with dental terminology, tooth numbering, and common procedures and "
            "materials.",
            "A calm, friendly manner with patients of all ages, including nervous adults and "
            "young children.",
            "Close attention to detail and the ability to anticipate what the dentist needs next.",
            "Comfort learning dental practice software and digital imaging systems.",
        ],
        "skills": [
            "Dental practice software such as Dentrix, Eaglesoft, or Open Dental",
            "Intraoral scanning and digital impressions",
            "Fabricating provisional crowns and bridges",
            "Coronal polishing, sealants, and fluoride application where your state permits",
            "Assisting with endodontics, oral surgery, implants, or orthodontics",
            "Monitoring nitrous oxide sedation where your state permits and you are trained",
            "Panoramic and cone beam CT imaging",
            "Rubber dam placement and other isolation techniques",
            "Spanish or another language spoken by patients in the community",
        ],
        "about_us": [
            "At {practice_name}, patients come first, and so does the team that cares for them. "
            "Clinical and front office staff work as one team, we speak to each other with "
            "respect, and we would rather take an extra minute to do something right than rush "
            "past a safety step.",
            "We offer competitive pay that reflects your experience and certifications, paid time "
            "off, and support for continuing education and certification, whether you are working "
            "toward your radiography certificate, expanded functions, or the CDA. New assistants "
            "learn our systems, tray setups, and each dentist's preferences before working on "
            "their own.",
            "We build the schedule with enough time to turn rooms over and process instruments "
            "properly, and we aim to finish each day on time so you can count on your time away "
            "from work.",
        ],
        "how_to_apply": [
            "Apply with the form on this page and attach your resume. Tell us which procedures "
            "you have assisted with, the dental software and imaging systems you have used, and "
            "the certificates you hold, including the state that issued them. A cover letter is "
            "optional.",
            "We read every application. If your experience fits, we will call you for a short "
            "conversation and then invite you to interview with the dentist and the clinical "
            "team, which may include time in the office to see how we work together. Before "
            "making an offer, we verify your certifications and check references. We will keep "
            "you posted at each step, including if we decide not to move forward.",
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
            "kind": "multiple_choice",
            "label": "Which of these do you currently hold?",
            "required": True,
            "choices": [
                "State radiography certificate or permit",
                "Expanded-function (EFDA) or registered dental assistant (RDA) credential",
                "DANB Certified Dental Assistant (CDA)",
                "CPR or BLS certification",
                "None of these yet",
            ],
            "knockout": [],
        },
        {
            "kind": "number",
            "label": "How many years of chairside dental assisting experience do you have?",
            "required": True,
            "choices": [],
            "knockout": [],
        },
        {
            "kind": "multiple_choice",
            "label": "Which schedules are you available to work?",
            "required": True,
            "choices": ["Weekdays", "Early mornings", "Evenings", "Saturdays"],
            "knockout": [],
        },
    ],
    "interview_questions": [
        {
            "question": (
                "Walk me through how you turn over an operatory between patients when the next "
                "patient is already waiting."
            ),
            "listen_for": [
                "Names the steps in order: protective equipment, removing barriers, cleaning and "
                "then disinfecting, fresh barriers, and flushing lines",
                "Treats the disinfectant's contact time as fixed, not something to shorten when "
                "busy",
                "Moves contaminated instruments safely to the sterilization area",
                "Explains how they work quickly without skipping steps",
            ],
            "follow_ups": [
                "What would you do if someone asked you to skip a step to save time?",
                "How do you know a surface has been disinfected properly?",
            ],
        },
        {
            "question": (
                "Describe the instrument processing cycle in your last office, and tell me what "
                "you would do if a spore test came back positive."
            ),
            "listen_for": [
                "Knows the sequence from transport through cleaning, packaging, sterilization, "
                "and storage",
                "Explains the difference between chemical and biological indicators and how often "
                "each is used",
                "On a positive spore test, takes the sterilizer out of service, retests, tells "
                "the dentist, and recalls items from affected loads as the protocol requires",
                "Keeps records of every test and cycle",
            ],
            "follow_ups": [
                "Why do instruments have to be cleaned before they are sterilized?",
                "What do you check on a package before opening it chairside?",
            ],
        },
        {
            "question": (
                "Tell me about a time you cared for a patient who was very anxious or in pain. "
                "What did you do?"
            ),
            "listen_for": [
                "Noticed nonverbal signs of anxiety or discomfort",
                "Explained what would happen in simple words, agreed on a signal to pause, and "
                "reassured without making promises",
                "Told the dentist so treatment could be adjusted",
                "Shows warmth and patience",
            ],
            "follow_ups": [
                "How would you adjust your approach for a child?",
                "How did the visit end for that patient?",
            ],
        },
        {
            "question": (
                "Tell me about a time you anticipated what the dentist needed during a procedure. "
                "How did you know?"
            ),
            "listen_for": [
                "Knows the steps of common procedures well enough to stay one step ahead",
                "Prepares trays and materials in advance, including backups",
                "Communicates with the dentist quietly and efficiently",
                "Learns and remembers each dentist's preferences",
            ],
            "follow_ups": [
                "What happens when you guess wrong?",
                "How do you learn a new dentist's preferences?",
            ],
        },
        {
            "question": (
                "Suppose you stick yourself with a used instrument while cleaning up a tray. What "
                "do you do?"
            ),
            "listen_for": [
                "Washes the site with soap and water right away",
                "Reports the exposure immediately to the dentist or the person named in the "
                "exposure control plan",
                "Knows a medical evaluation should happen promptly, ideally within hours, and "
                "that the source patient may be asked for consent to testing",
                "Documents the incident as the exposure control plan requires",
            ],
            "follow_ups": [
                "How could the injury have been prevented?",
                "Where is the exposure control plan kept in your current office?",
            ],
        },
        {
            "question": (
                "The dentist has prescribed radiographs, but the patient is worried about "
                "radiation and does not want them. How do you respond?"
            ),
            "listen_for": [
                "Acknowledges the worry and explains the purpose and the low dose in plain words",
                "Describes the protective measures the practice uses and its technique to avoid "
                "retakes",
                "Brings the concern to the dentist rather than pressuring the patient or skipping "
                "the images on their own",
                "Documents the conversation and the patient's decision",
            ],
            "follow_ups": [
                "What do you do to avoid retakes?",
                "Which images are you certified to take in your state?",
            ],
        },
        {
            "question": (
                "Tell me about a time you made a charting mistake or found one. How did you handle "
                "it?"
            ),
            "listen_for": [
                "Corrected the record through an addendum or correction that leaves the original "
                "entry visible",
                "Told the dentist or office manager when the mistake affected treatment or billing",
                "Describes a habit that prevents repeats, such as charting in real time",
            ],
            "follow_ups": [
                "Why shouldn't an entry simply be deleted?",
                "How do you find time to chart on a busy day?",
            ],
        },
        {
            "question": (
                "Tell me about a disagreement with someone on your clinical team and how you "
                "resolved it."
            ),
            "listen_for": [
                "Raised it directly and privately rather than complaining to others",
                "Kept the focus on patients and the work, not personalities",
                "Reached a practical agreement and followed up on it",
                "Takes responsibility for their own part",
            ],
            "follow_ups": [
                "What would you have done if it kept happening?",
                "What did you learn about working with that person?",
            ],
        },
    ],
    "competencies": [
        {
            "name": "Chairside assisting",
            "description": "Supports the dentist efficiently and safely during procedures.",
            "anchors": [
                "Is unfamiliar with common procedures and needs step-by-step direction for setups "
                "and instrument passing.",
                "Assists with routine procedures but often waits to be asked and struggles with "
                "isolation or suction.",
                "Sets up correctly, anticipates the next step in common procedures, and keeps the "
                "field clear and dry.",
                "Assists smoothly across many procedures, including specialty or complex cases, "
                "and helps the dentist stay on schedule.",
            ],
        },
        {
            "name": "Infection control and sterilization",
            "description": (
                "Follows CDC and OSHA standards for room turnover, instrument processing, and "
                "exposure prevention."
            ),
            "anchors": [
                "Cannot describe the instrument processing cycle or admits skipping steps when "
                "busy.",
                "Knows the basics but is unsure about indicators, spore testing, or disinfectant "
                "contact times.",
                "Describes and follows every step correctly, keeps records, and knows what to do "
                "after an exposure or a failed spore test.",
                "Could run the sterilization area, trains others, and finds and fixes weak points "
                "in the process.",
            ],
        },
        {
            "name": "Radiography and expanded functions",
            "description": (
                "Takes diagnostic images and performs permitted expanded functions accurately and "
                "within state rules."
            ),
            "anchors": [
                "Does not know which duties the state permits, or describes radiograph technique "
                "that would lead to frequent retakes.",
                "Takes routine radiographs with some retakes and has limited impression or "
                "scanning experience.",
                "Takes diagnostic images with few retakes, knows the state's rules, and performs "
                "permitted functions well.",
                "Is skilled across imaging, scanning, and expanded functions and helps others "
                "improve their technique.",
            ],
        },
        {
            "name": "Patient comfort and communication",
            "description": (
                "Keeps patients comfortable, informed, and safe from seating through "
                "post-operative instructions."
            ),
            "anchors": [
                "Says little to patients or gives incomplete post-operative instructions.",
                "Is polite but misses signs of anxiety or explains things in jargon.",
                "Explains each step, notices discomfort, and gives clear post-operative "
                "instructions spoken and in writing.",
                "Calms very anxious patients and children, catches concerns in the medical "
                "history, and is the assistant patients ask for by name.",
            ],
        },
        {
            "name": "Charting and organization",
            "description": "Keeps records, supplies, and operatories accurate and ready.",
            "anchors": [
                "Charting is incomplete or late, and rooms or supplies are often not ready.",
                "Charts accurately but slowly, or keeps the room ready only with reminders.",
                "Charts accurately in real time, keeps rooms and supplies ready, and tells the "
                "team about changes.",
                "Improves the team's systems, such as tray setups, inventory, or charting "
                "templates, and others rely on their organization.",
            ],
        },
        {
            "name": "Teamwork and reliability",
            "description": (
                "Works well with dentists, hygienists, and the front office, and can be counted on."
            ),
            "anchors": [
                "Is often late or unprepared, creates friction, or brushes off feedback.",
                "Gets along with others but rarely helps outside their own operatory.",
                "Is dependable, helps teammates without being asked, and takes feedback well.",
                "Sets the standard for the team, mentors newer assistants, and handles "
                "disagreements directly and respectfully.",
            ],
        },
    ],
}
