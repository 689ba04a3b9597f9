"""Job template: medical assistant (format: FORMAT.md)."""

TEMPLATE = {
    "key": "medical-assistant",
    "version": 1,
    "title": "Medical Assistant",
    "department": "Clinical",
    "summary": (
        "Room patients, take vital signs and histories, give injections, collect specimens and run "
        "point-of-care tests and EKGs, and keep every chart accurate in the EHR."
    ),
    "employment_type": "full_time",
    "workplace_type": "on_site",
    "pay_min": "19.00",
    "pay_max": "25.00",
    "pay_unit": "hour",
    "education": "professional certificate",
    "experience_months": 0,
    "sections": {
        "about": [
            (
                "As a medical assistant at {practice_name}, you are the provider's right hand and "
                "often the person patients spend the most time with during a visit. You bring "
                "patients back, take their vital signs and histories, prepare them for the exam, "
                "and make sure everything the provider needs is ready and recorded."
            ),
            (
                "The work is hands-on and varied: giving injections and immunizations, collecting "
                "specimens, running point-of-care tests and EKGs, keeping instruments sterile and "
                "rooms stocked, and handling the refill and prior authorization requests the "
                "provider delegates to you. All of it is done under the direction of our licensed "
                "providers and within the scope of practice your state allows."
            ),
            (
                "Patients notice a medical assistant who is both skilled and kind. If you take "
                "pride in getting the details right and in helping a nervous patient relax, we "
                "would like to hear from you."
            ),
        ],
        "responsibilities": [
            (
                "Room patients: call them back from the waiting room, confirm their identity with "
                "two identifiers, and prepare them and the exam room for the visit."
            ),
            (
                "Measure and record vital signs, including blood pressure, pulse, respirations, "
                "temperature, oxygen saturation, height and weight, and alert the provider "
                "promptly to abnormal readings."
            ),
            (
                "Take and update patient histories: the reason for the visit, current medications, "
                "allergies, and past medical, surgical, family and social history."
            ),
            (
                "Give injections and immunizations as ordered by the provider and within the scope "
                "your state allows, checking the rights of medication administration, recording "
                "lot numbers and giving patients the required Vaccine Information Statements."
            ),
            (
                "Collect and process specimens, including blood draws, finger sticks, urine "
                "samples and swabs; label them in front of the patient and prepare them for the "
                "lab."
            ),
            (
                "Perform CLIA-waived point-of-care tests, such as urine dipsticks, blood glucose, "
                "rapid strep, influenza and pregnancy tests, and keep quality-control logs current."
            ),
            "Perform 12-lead EKGs and get each tracing to the provider for review.",
            (
                "Assist providers with exams and in-office procedures: set up trays, hand "
                "instruments and support the patient throughout."
            ),
            (
                "Clean and disinfect exam rooms between patients; clean, package and sterilize "
                "reusable instruments; and keep sterilizer and spore-test records."
            ),
            (
                "Follow infection-control practices and OSHA bloodborne pathogen rules, including "
                "safe disposal of sharps and biohazardous waste."
            ),
            (
                "Document accurately and promptly in the EHR, so every chart shows what was done, "
                "by whom and when."
            ),
            (
                "Handle prescription refill requests and prior authorizations as delegated by the "
                "provider, following practice protocols and sending every decision that needs a "
                "provider to the provider."
            ),
            (
                "Go over the provider's instructions and after-visit summaries with patients, and "
                "call patients with results or follow-up plans as the provider directs."
            ),
            (
                "Stock exam rooms and supplies, check expiration dates, and monitor and log "
                "vaccine refrigerator and freezer temperatures."
            ),
        ],
        "qualifications": [
            (
                "Completion of a medical assistant program, preferably one accredited by CAAHEP or "
                "ABHES, or equivalent clinical training in the military or on the job."
            ),
            (
                "Current certification as a Certified Medical Assistant (CMA), Registered Medical "
                "Assistant (RMA), Certified Clinical Medical Assistant (CCMA) or a comparable "
                "national credential; if you are a recent graduate, a plan to sit for one of these "
                "exams soon."
            ),
            "A current Basic Life Support (BLS) or CPR card for healthcare providers.",
            (
                "New graduates who have completed a clinical externship are welcome to apply; "
                "experience in a medical office is a plus."
            ),
            (
                "Confidence with vital signs, injections, specimen collection and EKGs, done "
                "carefully and accurately every time."
            ),
            (
                "A warm, reassuring manner with patients of all ages, including children and "
                "adults who are anxious about needles or procedures."
            ),
            (
                "A clear understanding of a medical assistant's scope of practice and the judgment "
                "to ask when a task falls outside it."
            ),
            "Careful, timely documentation habits and comfort working in an EHR.",
            "Respect for patient privacy and a working knowledge of HIPAA.",
            (
                "Teamwork: you keep the provider informed, help coworkers and pitch in to keep the "
                "clinic on schedule."
            ),
        ],
        "skills": [
            (
                "Accurate vital signs, including manual and automated blood pressure readings with "
                "the right cuff size"
            ),
            (
                "Intramuscular, subcutaneous and intradermal injections, and immunization "
                "documentation"
            ),
            "Venipuncture and capillary collection, specimen labeling and handling",
            "CLIA-waived testing and quality-control procedures",
            "12-lead EKG lead placement and recognizing a tracing that needs to be repeated",
            "Sterile technique, instrument sterilization and infection control",
            (
                "EHR charting, medication reconciliation and order entry where your credential and "
                "the practice allow it"
            ),
            "Prior authorization and refill workflows with insurers and pharmacies",
            "Medical terminology, basic anatomy and basic pharmacology",
            "Explaining instructions to patients in plain language",
        ],
        "about_us": [
            (
                "At {practice_name}, our clinical team works side by side: providers, nurses and "
                "medical assistants rely on each other to give patients safe, unhurried care. We "
                "value people who ask questions, speak up about safety and treat every patient "
                "with dignity."
            ),
            (
                "We offer competitive pay, paid time off, and support for continuing education and "
                "certification, including keeping your medical assistant credential current. We "
                "want you to keep growing, whether that means learning new clinical skills or "
                "preparing for your next step in healthcare."
            ),
            (
                "We build schedules in advance and respect your life outside work. We plan clinic "
                "days realistically, share coverage fairly and aim to finish on time, because "
                "rested people give better care."
            ),
        ],
        "how_to_apply": [
            (
                "To apply, submit your résumé and answer the short questions on the application "
                "form. Please list your certification, your BLS or CPR card and when each expires. "
                "If you are a recent graduate, tell us where you completed your externship."
            ),
            (
                "We read every application. If your background is a good fit, we will call you for "
                "a short phone conversation and then invite you to interview at the practice and "
                "meet members of the clinical team. We may ask to see your certification and BLS "
                "card and check references before making an offer."
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
            "kind": "multiple_choice",
            "label": "Which medical assistant certifications do you currently hold?",
            "required": True,
            "choices": [
                "Certified Medical Assistant (CMA, AAMA)",
                "Registered Medical Assistant (RMA, AMT)",
                "Certified Clinical Medical Assistant (CCMA, NHA)",
                "National Certified Medical Assistant (NCMA, NCCT)",
                "Another national medical assistant certification",
                "None yet",
            ],
            "knockout": [],
        },
        {
            "kind": "yes_no",
            "label": (
                "Do you hold a current BLS or CPR card for healthcare providers, or will you have "
                "one by your start date?"
            ),
            "required": True,
            "choices": [],
            "knockout": ["no"],
        },
        {
            "kind": "number",
            "label": (
                "How many years have you worked as a medical assistant, not counting externships?"
            ),
            "required": True,
            "choices": [],
            "knockout": [],
        },
    ],
    "interview_questions": [
        {
            "question": (
                "You are rooming a patient for a routine follow-up and get a blood pressure "
                "reading of 188/112. The patient says they feel fine. What do you do?"
            ),
            "listen_for": [
                (
                    "Rechecks the reading correctly: the right cuff size, the patient seated and "
                    "rested, feet flat and arm supported"
                ),
                (
                    "Asks about symptoms such as headache, chest pain, shortness of breath or "
                    "changes in vision"
                ),
                (
                    "Tells the provider right away instead of only charting it, and gets help "
                    "immediately if symptoms are present"
                ),
                "Documents both readings and what was done",
            ],
            "follow_ups": [
                "Which other readings or symptoms would make you interrupt the provider?",
                "How do you make sure your blood pressure readings are accurate from day to day?",
            ],
        },
        {
            "question": (
                "Tell me about a time you were asked to do something you believed was outside your "
                "scope as a medical assistant or beyond your training. What did you do?"
            ),
            "listen_for": [
                (
                    "Recognized the limit clearly, for example interpreting results, deciding on a "
                    "refill or giving advice that needs a licensed clinician"
                ),
                (
                    "Declined respectfully and offered an alternative, such as bringing in the "
                    "nurse or provider"
                ),
                "Knows that scope varies by state and by practice, and checks when unsure",
            ],
            "follow_ups": [
                "Which tasks should a medical assistant never do without a provider's order?",
                (
                    "How would you respond if a patient pressed you for your opinion on their test "
                    "results?"
                ),
            ],
        },
        {
            "question": (
                "Walk me through how you give an injection, from the provider's order to the "
                "documentation. Then tell me about a time you caught or prevented a medication "
                "error."
            ),
            "listen_for": [
                (
                    "Checks the rights of medication administration: right patient, drug, dose, "
                    "route, time and documentation"
                ),
                (
                    "Confirms allergies, checks the expiration date, and reads the label more than "
                    "once before drawing up"
                ),
                (
                    "Gives the required Vaccine Information Statement and watches the patient "
                    "afterwards according to protocol"
                ),
                (
                    "In the example, stopped, told the provider and followed through, rather than "
                    "hiding the problem"
                ),
            ],
            "follow_ups": [
                "What would you do if a patient fainted right after an injection?",
                "How do you handle a verbal order you are not sure you heard correctly?",
            ],
        },
        {
            "question": (
                "How do you make sure a specimen or point-of-care test result ends up in the right "
                "chart and gets acted on? Give me an example from your work or externship."
            ),
            "listen_for": [
                "Labels specimens in front of the patient, using two identifiers",
                (
                    "Follows the test instructions exactly, including timing, and runs and logs "
                    "quality controls"
                ),
                "Records results in the EHR promptly and flags abnormal results to the provider",
                "Tracks specimens sent to an outside lab until the results come back",
            ],
            "follow_ups": [
                "What would you do if you found an unlabeled specimen in the lab area?",
                "What would you do if a quality-control check failed?",
            ],
        },
        {
            "question": (
                "Tell me about a time you helped a frightened patient, such as a child or an adult "
                "who is afraid of needles, get through a procedure."
            ),
            "listen_for": [
                "Explained what would happen in plain, honest language",
                (
                    "Used specific calming techniques, such as distraction, comfortable "
                    "positioning or involving a parent"
                ),
                "Stayed patient but efficient, and knew when to pause or ask for help",
            ],
            "follow_ups": ["What would you do if the patient refused partway through?"],
        },
        {
            "question": (
                "Describe your routine for cleaning an exam room and processing reusable "
                "instruments. How do you know the sterilizer is working?"
            ),
            "listen_for": [
                (
                    "Distinguishes cleaning, disinfection and sterilization, and uses the right "
                    "product for the right contact time"
                ),
                (
                    "Cleans instruments before sterilizing, packages them and checks the indicator "
                    "on every pack"
                ),
                (
                    "Knows about routine spore testing and sterilizer logs, and what to do if a "
                    "test fails"
                ),
                "Handles sharps and biohazardous waste according to OSHA rules",
            ],
            "follow_ups": [
                (
                    "What would you do if you found an instrument pack whose indicator had not "
                    "changed?"
                ),
                (
                    "Tell me about a time you saw a coworker skip an infection-control step. What "
                    "did you do?"
                ),
            ],
        },
        {
            "question": (
                "Tell me about a time you found an error in a patient's chart, whether your own or "
                "someone else's. What did you do?"
            ),
            "listen_for": [
                (
                    "Corrected it through the EHR's proper amendment process, without deleting or "
                    "backdating anything"
                ),
                "Told the provider or the person responsible when the error could affect care",
                (
                    "Describes their own habits for accurate charting, such as documenting during "
                    "the visit and reconciling medications every time"
                ),
            ],
            "follow_ups": [
                (
                    "Why does it matter to document during the visit rather than at the end of the "
                    "day?"
                ),
            ],
        },
        {
            "question": (
                "A patient calls for a refill of a blood pressure medication, and a pharmacy tells "
                "you another patient's new prescription needs prior authorization. How do you "
                "handle both?"
            ),
            "listen_for": [
                (
                    "Follows the practice's refill protocol, checks the date of the last visit and "
                    "any required labs, and sends the request to the provider for approval"
                ),
                "Does not approve, change or refuse a prescription on their own",
                (
                    "Gathers what the insurer needs for the prior authorization, such as the "
                    "diagnosis, medications already tried and supporting notes, and submits it "
                    "through the insurer's portal or form"
                ),
                "Keeps both patients informed and tracks each request to completion",
            ],
            "follow_ups": [
                "What would you do if the prior authorization was denied?",
                "How do you keep refill requests from slipping through the cracks on a busy day?",
            ],
        },
        {
            "question": (
                "The clinic is running 30 minutes behind, two patients are waiting to be roomed, "
                "and the provider asks you to set up for a procedure. How do you handle it?"
            ),
            "listen_for": [
                "Makes sure the front desk gives waiting patients an honest update",
                (
                    "Sets priorities by clinical need, for example rooming a sick patient first, "
                    "and asks a coworker for help"
                ),
                (
                    "Works efficiently without skipping safety steps such as identity checks or "
                    "careful vital signs"
                ),
                (
                    "Looks afterwards at what caused the delay and suggests a fix, such as "
                    "preparing charts the day before"
                ),
            ],
            "follow_ups": [
                "How do you prepare before the first patient arrives so the day runs smoothly?",
                "What do you do when you are caught up and a coworker is behind?",
            ],
        },
    ],
    "competencies": [
        {
            "name": "Clinical skills and accuracy",
            "description": (
                "Performs vital signs, injections, specimen collection, point-of-care tests and "
                "EKGs correctly and consistently."
            ),
            "anchors": [
                (
                    "Is unsure of basic techniques, such as choosing a cuff size or an injection "
                    "site, or describes taking shortcuts."
                ),
                (
                    "Knows the core skills but lacks confidence or practice with some of them, "
                    "such as blood draws or EKGs."
                ),
                (
                    "Describes each core skill correctly, step by step, and gives examples of "
                    "performing them routinely."
                ),
                (
                    "Performs the full range of skills expertly, catches problems such as a poor "
                    "EKG tracing or a failed quality control, and could train a new colleague."
                ),
            ],
        },
        {
            "name": "Patient care and communication",
            "description": (
                "Puts patients at ease, explains clearly and treats everyone with dignity."
            ),
            "anchors": [
                (
                    "Describes patients impersonally, or shows impatience with frightened or "
                    "difficult patients."
                ),
                "Is kind but struggles to explain procedures or to calm an anxious patient.",
                (
                    "Explains each step in plain language and gives concrete examples of calming "
                    "worried patients."
                ),
                (
                    "Adapts their approach to each patient, from young children to older adults, "
                    "and can describe making a hard visit easier for a patient."
                ),
            ],
        },
        {
            "name": "Safety and infection control",
            "description": (
                "Follows medication safety, infection-control and OSHA practices every time, "
                "without shortcuts."
            ),
            "anchors": [
                (
                    "Cannot describe the rights of medication administration or the basic steps of "
                    "sterilization."
                ),
                "Knows the rules but describes skipping steps when the clinic is busy.",
                (
                    "Follows medication checks, cleaning, sterilization and sharps procedures "
                    "consistently, and knows what to do when a check fails."
                ),
                (
                    "Spots and reports safety risks, keeps complete logs and helps coworkers "
                    "follow safe practice."
                ),
            ],
        },
        {
            "name": "Scope and clinical judgment",
            "description": (
                "Knows the limits of the medical assistant role, recognizes urgent situations and "
                "escalates them promptly."
            ),
            "anchors": [
                "Would interpret results, give medical advice or act without a provider's order.",
                "Understands scope in general but is unsure when to interrupt a provider.",
                (
                    "Stays within scope, recognizes abnormal findings and brings them to the "
                    "provider right away."
                ),
                (
                    "Shows sound judgment in urgent situations, such as a very high blood pressure "
                    "or a fainting patient, and knows exactly what to do and whom to call."
                ),
            ],
        },
        {
            "name": "Documentation and EHR",
            "description": "Keeps charts accurate, complete and up to date.",
            "anchors": [
                (
                    "Describes charting from memory at the end of the day, or correcting records "
                    "improperly."
                ),
                (
                    "Charts accurately but slowly, or misses items such as lot numbers or "
                    "medication changes."
                ),
                (
                    "Documents during the visit, reconciles medications and allergies every time "
                    "and corrects errors the proper way."
                ),
                (
                    "Keeps charts providers rely on without double-checking, and suggests "
                    "practical improvements to EHR templates or workflows."
                ),
            ],
        },
        {
            "name": "Refills, prior authorizations and follow-up",
            "description": (
                "Handles refill requests, prior authorizations and patient calls accurately and on "
                "time, as delegated by the provider."
            ),
            "anchors": [
                (
                    "Has no experience with refills or prior authorizations, or would approve a "
                    "refill without the provider."
                ),
                "Has handled these tasks but lets requests sit or loses track of them.",
                (
                    "Follows refill and prior authorization protocols, sends decisions to the "
                    "provider and tracks every request to completion."
                ),
                (
                    "Resolves requests quickly, anticipates what insurers will ask for and keeps "
                    "patients informed, so few requests turn into repeat calls."
                ),
            ],
        },
        {
            "name": "Teamwork and patient flow",
            "description": "Helps the clinic run on time and supports providers and coworkers.",
            "anchors": [
                "Prefers to work alone and describes friction with coworkers or providers.",
                "Completes their own work but rarely offers help or speaks up about delays.",
                (
                    "Keeps the provider and front desk informed, helps coworkers and keeps "
                    "patients moving through the day."
                ),
                (
                    "Anticipates the provider's needs, prepares charts and rooms ahead, and is the "
                    "person the team relies on when the clinic is running behind."
                ),
            ],
        },
    ],
}
