"""Job template: Registered Nurse in an outpatient practice (see FORMAT.md)."""

TEMPLATE = {
    "key": "registered-nurse",
    "version": 1,
    "title": "Registered Nurse",
    "department": "Clinical",
    "summary": (
        "Provides nursing care in an outpatient practice: phone and in-person triage, medications "
        "and immunizations, patient education, and follow-up for patients with chronic conditions."
    ),
    "employment_type": "full_time",
    "workplace_type": "on_site",
    "pay_min": "36.00",
    "pay_max": "50.00",
    "pay_unit": "hour",
    "education": "associate degree",
    "experience_months": 12,
    "sections": {
        "about": [
            "As a Registered Nurse in our outpatient practice, you are often the first clinical "
            "voice a patient hears and the person who keeps their care connected between visits. "
            "You assess patients by phone and in person, decide how soon they need to be seen, "
            "give medications and immunizations, and teach patients and families how to manage "
            "their health at home.",
            "Much of the work is follow-up: calling patients after a hospital discharge, checking "
            "on blood pressure, blood sugar, or a new medication, tracking down a referral that "
            "was never scheduled, and making sure abnormal results reach both the provider and "
            "the patient. You work closely with physicians and advanced practice providers, and "
            "you guide the medical assistants on the team, delegating tasks within their training "
            "and your state's rules.",
            "This role suits a nurse who enjoys knowing patients over time, thinks clearly on the "
            "phone, and documents carefully. The work largely follows clinic hours, and it calls "
            "on your full nursing judgment every day.",
        ],
        "responsibilities": [
            "Triage patient calls and portal messages using the practice's approved protocols, "
            "deciding whether a patient needs emergency care, a same-day visit, a routine "
            "appointment, or home care advice, and documenting each decision.",
            "Assess scheduled and walk-in patients, take and interpret vital signs and histories, "
            "and bring abnormal findings to the provider promptly.",
            "Administer medications and immunizations as ordered, including intramuscular and "
            "subcutaneous injections, following the rights of medication administration and "
            "giving the current Vaccine Information Statement before each vaccine.",
            "Record vaccines in the EHR and the state immunization registry, and manage vaccine "
            "storage and handling, including temperature monitoring and inventory, so the cold "
            "chain is never broken.",
            "Teach patients and caregivers about new diagnoses, medications, inhaler and glucose "
            "meter use, wound care, and warning signs, and confirm understanding with the "
            "teach-back method.",
            "Follow patients with chronic conditions such as diabetes, hypertension, asthma, "
            "COPD, and heart failure, tracking results and goals and bringing changes to the "
            "provider's attention.",
            "Call patients after hospital or emergency department visits, reconcile their "
            "medications, and arrange timely follow-up appointments.",
            "Coordinate referrals, prior authorizations, and communication with specialists, home "
            "health agencies, pharmacies, and community resources, and close the loop on every "
            "result and consult note.",
            "Perform and document procedures within RN scope, such as wound care, dressing "
            "changes, ECGs, CLIA-waived point-of-care tests, and specimen collection.",
            "Guide and support medical assistants, delegate tasks within each person's training "
            "and state rules, and help train them on clinical skills and protocols.",
            "Follow infection-prevention practices, including hand hygiene, standard and "
            "transmission-based precautions, cleaning and disinfection of equipment, and safe "
            "handling of sharps and specimens.",
            "Document assessments, triage calls, education, and interventions clearly and "
            "promptly in the EHR, and keep up with your share of the clinical inbox each day.",
            "Take part in quality improvement work, such as outreach to close care gaps, raising "
            "screening and vaccination rates, and reviewing safety events.",
        ],
        "qualifications": [
            "An active registered nurse license in this state, or a multistate license under the "
            "Nurse Licensure Compact where it applies.",
            "Current Basic Life Support (BLS) certification from the American Heart Association "
            "or an equivalent provider.",
            "An associate or bachelor's degree in nursing from an accredited program; a BSN is "
            "preferred.",
            "At least one year of experience as an RN; experience in primary care, an outpatient "
            "clinic, or a specialty practice is a plus.",
            "Sound clinical judgment for telephone triage, including knowing when a symptom needs "
            "urgent care and when it can safely wait.",
            "Confident injection and immunization technique, and comfort caring for patients "
            "across the ages the practice serves.",
            "Clear, kind communication with patients, families, providers, and coworkers, "
            "including in difficult conversations.",
            "Comfort working in an EHR and documenting accurately as you go.",
            "Respect for patient privacy under HIPAA and a steady commitment to practicing within "
            "your state's Nurse Practice Act.",
        ],
        "skills": [
            "Structured telephone triage protocols, such as Schmitt-Thompson",
            "Chronic care management, including diabetes and hypertension education",
            "CDC child and adult immunization schedules, catch-up schedules, and Vaccines for "
            "Children program requirements",
            "Medication reconciliation, including spotting interactions, duplicate therapies, and "
            "adherence problems",
            "Motivational interviewing and health coaching",
            "Care coordination across specialists, home health, and community services",
            "Point-of-care testing and CLIA-waived test procedures",
            "Quality measures and care gap reports, such as HEDIS",
            "Spanish or another language spoken by patients in the community",
        ],
        "about_us": [
            "{practice_name} believes good outpatient care depends on a team where everyone "
            "practices to the full extent of their training. Our nurses are trusted to use their "
            "judgment, providers are easy to reach when a question comes up, and on hard days we "
            "help each other rather than leave anyone to cope alone.",
            "We offer competitive pay for your experience and credentials, paid time off, and "
            "support for continuing education and certification, including specialty credentials "
            "such as ambulatory care nursing certification. Nurses new to the practice get a "
            "thorough orientation to our protocols, systems, and team before carrying a full "
            "workload.",
            "Outpatient nursing means your work largely follows clinic hours, without the "
            "overnight shifts common in hospital nursing. We plan staffing so you can take your "
            "breaks and leave on time, and we review protocols with our nurses so the work stays "
            "safe and manageable.",
        ],
        "how_to_apply": [
            "Apply through the form on this page and attach your resume. Tell us where you have "
            "practiced, the patients you have cared for, and your experience with triage and "
            "immunizations. Please include your license type and the state that issued it; we "
            "verify licenses directly with the board of nursing.",
            "We review every application. If your experience fits, we will set up a short phone "
            "conversation, followed by an interview with clinical leaders and providers, and you "
            "may be invited to meet the nursing and medical assistant team. Before making an "
            "offer, we verify your license and BLS certification and check references. We will "
            "keep you informed at every step, including if we decide not to move forward.",
        ],
    },
    "application_questions": [
        {
            "kind": "yes_no",
            "label": (
                "Do you hold an active registered nurse license that allows you to practice in "
                "this state, either a state license or a multistate (compact) license?"
            ),
            "required": True,
            "choices": [],
            "knockout": ["no"],
        },
        {
            "kind": "yes_no",
            "label": (
                "Do you currently hold BLS certification from the American Heart Association or an "
                "equivalent provider?"
            ),
            "required": True,
            "choices": [],
            "knockout": [],
        },
        {
            "kind": "number",
            "label": "How many years have you worked as a registered nurse?",
            "required": True,
            "choices": [],
            "knockout": [],
        },
        {
            "kind": "yes_no",
            "label": "Are you legally authorized to work in the United States?",
            "required": True,
            "choices": [],
            "knockout": ["no"],
        },
    ],
    "interview_questions": [
        {
            "question": (
                "A parent calls at 4:30 in the afternoon. Her two-year-old has had a fever of 103 "
                "degrees since the morning and is not drinking much. Walk me through the call."
            ),
            "listen_for": [
                "Asks about red flags first: breathing, alertness, signs of dehydration such as "
                "few wet diapers, rash, or seizure",
                "Follows a protocol rather than memory and reaches a clear disposition with a "
                "time frame",
                "Gives specific home care advice and says exactly when to call back or go to the "
                "emergency department",
                "Documents the call and involves the provider when the protocol calls for it",
            ],
            "follow_ups": [
                "What would make you send this child to the emergency department now?",
                "How would you handle it if the parent disagreed with your advice?",
            ],
        },
        {
            "question": (
                "Tell me about a time a patient's condition turned out to be more serious than it "
                "first appeared. What did you notice, and what did you do?"
            ),
            "listen_for": [
                "Describes specific cues: vital signs, appearance, a change from baseline, or "
                "something the patient said",
                "Acted quickly and escalated clearly, for example using SBAR",
                "Stayed with it until the patient was safely handed off",
                "Reflects on what they learned",
            ],
            "follow_ups": [
                "How did you communicate it to the provider?",
                "What would you have done if the provider had been unavailable?",
            ],
        },
        {
            "question": (
                "You are about to give a vaccine and see that the refrigerator's temperature log "
                "shows it was out of range overnight. What do you do?"
            ),
            "listen_for": [
                "Does not give vaccines from that unit and labels them do not use",
                "Keeps the vaccines at the correct temperature while set apart, records the "
                "excursion, and tells the vaccine coordinator",
                "Knows to contact the manufacturer or the state immunization program before the "
                "vaccines are used or discarded",
                "Considers whether patients already received affected doses and may need to be "
                "revaccinated",
            ],
            "follow_ups": [
                "Who else needs to know?",
                "What would you change to prevent it from happening again?",
            ],
        },
        {
            "question": (
                "Tell me about a patient with a chronic condition who was struggling to manage it. "
                "How did you help?"
            ),
            "listen_for": [
                "Found the real barrier, such as cost, understanding, side effects, "
                "transportation, or beliefs about the illness",
                "Used teach-back or motivational interviewing rather than a lecture",
                "Set a concrete plan with follow-up and involved the provider or other resources",
                "Can describe a result, such as better readings or more consistent use of "
                "medication",
            ],
            "follow_ups": [
                "What did you do when the first plan did not work?",
                "How did you document and track progress?",
            ],
        },
        {
            "question": (
                "A medical assistant on your team has twice given an injection without checking "
                "two patient identifiers. How do you handle it?"
            ),
            "listen_for": [
                "Addresses it promptly, directly, and privately, focusing on patient safety "
                "rather than blame",
                "Reviews the correct process and observes the next few injections",
                "Reports any error through the practice's process and involves the supervisor if "
                "it continues",
                "Asks whether the workflow makes the mistake easy to make",
            ],
            "follow_ups": [
                "What if the medical assistant has worked here much longer than you and pushes "
                "back?",
                "Which tasks would you not delegate to a medical assistant?",
            ],
        },
        {
            "question": (
                "Describe a time you coordinated care for a patient that involved several other "
                "people or organizations."
            ),
            "listen_for": [
                "Took clear ownership of next steps and communication",
                "Used the right channels, such as the referral system, secure messaging, phone "
                "calls, or a shared care plan",
                "Closed the loop by confirming the appointment happened and the results came back",
                "Kept the patient informed throughout",
            ],
            "follow_ups": [
                "What got in the way, and how did you get past it?",
                "How do you keep track of open referrals?",
            ],
        },
        {
            "question": (
                "It is a busy morning: three triage calls are waiting, a patient in the lobby "
                "looks pale and sweaty, and a provider asks you to give an injection. How do you "
                "prioritize?"
            ),
            "listen_for": [
                "Assesses the patient in the lobby first as the most likely emergency",
                "Delegates safely, for example the injection to a trained medical assistant, and "
                "asks for help",
                "Returns triage calls in order of risk rather than the order they came in",
                "Tells the team what they are doing so nothing is dropped",
            ],
            "follow_ups": [
                "What if the patient in the lobby turns out to be fine?",
                "How do you make sure the waiting calls are not forgotten?",
            ],
        },
        {
            "question": (
                "Tell me about a medication or documentation error you made or caught. What "
                "happened next?"
            ),
            "listen_for": [
                "Gives an honest, specific account without minimizing",
                "Took immediate steps to protect the patient and informed the provider",
                "Reported it through the proper channels",
                "Describes a change in their own practice or in the system afterward",
            ],
            "follow_ups": [
                "How did you talk with the patient about it?",
                "What safeguards do you use now?",
            ],
        },
    ],
    "competencies": [
        {
            "name": "Clinical judgment and triage",
            "description": (
                "Assesses patients accurately in person and by phone and chooses safe, timely next "
                "steps."
            ),
            "anchors": [
                "Misses red-flag symptoms or gives advice without a protocol or clear reasoning.",
                "Recognizes obvious emergencies but is unsure with less clear presentations or "
                "defers routine decisions to the provider.",
                "Uses protocols well, identifies red flags, and chooses appropriate dispositions "
                "with clear instructions.",
                "Combines protocols with sharp assessment, catches subtle changes early, and "
                "teaches others to triage safely.",
            ],
        },
        {
            "name": "Medication and immunization safety",
            "description": (
                "Gives medications and vaccines safely and keeps the systems around them safe."
            ),
            "anchors": [
                "Cannot describe basic safety checks such as two patient identifiers or the "
                "rights of medication administration.",
                "Follows safety checks for routine injections but is unfamiliar with vaccine "
                "storage, Vaccine Information Statements, or registries.",
                "Administers medications and vaccines safely, documents completely, and follows "
                "storage and handling rules.",
                "Leads on medication and vaccine safety, for example by running vaccine inventory "
                "or fixing a workflow after a near miss.",
            ],
        },
        {
            "name": "Patient education and chronic care",
            "description": "Helps patients understand and manage their health between visits.",
            "anchors": [
                "Educates by lecture or handout without checking what the patient understood.",
                "Explains clearly but rarely follows up or adapts to the patient's circumstances.",
                "Uses teach-back, addresses barriers, and follows patients with chronic "
                "conditions on a regular schedule.",
                "Shows measurable results for the patients they follow and builds outreach or "
                "education materials that others use.",
            ],
        },
        {
            "name": "Care coordination",
            "description": (
                "Connects patients to referrals, results, and services and closes every loop."
            ),
            "anchors": [
                "Sends referrals or messages and assumes the rest will happen.",
                "Tracks some referrals and results but has no dependable system.",
                "Tracks referrals, results, and transitions of care until complete and keeps "
                "patients informed.",
                "Builds dependable tracking systems, works well with outside partners, and "
                "catches gaps before they affect patients.",
            ],
        },
        {
            "name": "Team leadership and delegation",
            "description": (
                "Guides medical assistants and partners with providers, always within scope of "
                "practice."
            ),
            "anchors": [
                "Delegates tasks outside others' scope or avoids addressing unsafe practice.",
                "Delegates appropriately but is uncomfortable giving feedback.",
                "Delegates within scope, gives timely and respectful feedback, and helps medical "
                "assistants build their skills.",
                "Is the clinical resource others seek out, trains staff, raises standards, and "
                "has the trust of providers and staff alike.",
            ],
        },
        {
            "name": "Documentation and safe practice",
            "description": (
                "Documents accurately and promptly and follows infection control, privacy, and "
                "scope-of-practice rules."
            ),
            "anchors": [
                "Documentation is late, incomplete, or copied forward without review, or "
                "infection control basics are shaky.",
                "Documentation is accurate but often delayed, or some safety practices are "
                "inconsistent.",
                "Documents clearly and on time, follows infection control and HIPAA consistently, "
                "and practices within scope.",
                "Documentation is a model for others, and they have helped improve policies, "
                "audits, or training.",
            ],
        },
    ],
}
