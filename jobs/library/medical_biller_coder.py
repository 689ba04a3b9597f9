"""Job template: Medical Biller and Coder (see FORMAT.md)."""

TEMPLATE = {
    "key": "medical-biller-coder",
    "version": 1,
    "title": "Medical Biller and Coder",
    "department": "Billing",
    "summary": (
        "Turns each visit into an accurate, compliant claim and follows it through to payment, "
        "from coding and charge entry to denials, appeals, and patient balances."
    ),
    "employment_type": "full_time",
    "workplace_type": "on_site",
    "pay_min": "22.00",
    "pay_max": "32.00",
    "pay_unit": "hour",
    "education": "professional certificate",
    "experience_months": 12,
    "sections": {
        "about": [
            "As our Medical Biller and Coder, you make sure the care our clinicians provide is "
            "coded and paid for correctly. You review visit documentation, assign accurate "
            "diagnosis and procedure codes, and send clean claims to insurers, then follow each "
            "claim until it is paid, appealed, or settled with the patient. Your work keeps the "
            "practice financially healthy and spares patients from bills they cannot make sense "
            "of.",
            "The role covers the revenue cycle from the end of the visit to the final payment: "
            "charge entry, coding with ICD-10-CM, CPT, and HCPCS Level II, claim scrubbing and "
            "submission, payment posting from ERAs and EOBs, denial management, and accounts "
            "receivable follow-up. You will also answer patients' billing questions, set up "
            "payment plans, and point out problems that start earlier in the process, such as "
            "insurance that was not verified at check-in or a new provider who is not yet "
            "enrolled with a plan.",
            "We want someone who codes what the record supports, nothing more and nothing less. "
            "When a note is unclear, you ask the clinician a fair question instead of guessing. "
            "You will work closely with the front desk, the clinical team, and the office "
            "manager, and your reports on denials and aging will help the practice fix causes, "
            "not only individual claims.",
        ],
        "responsibilities": [
            "Enter charges for every encounter accurately and on time, reconciling each day's "
            "visits against the schedule so that no service goes unbilled.",
            "Assign ICD-10-CM diagnosis codes, CPT procedure and evaluation and management (E/M) "
            "codes, and HCPCS Level II codes to the level of specificity the documentation "
            "supports.",
            "Apply modifiers correctly, including 25, 59, XE, XP, XS, XU, LT, RT, and telehealth "
            "modifiers, and check claims against NCCI edits before they go out.",
            "Scrub claims in the practice management system and clearinghouse, fix errors before "
            "submission, and send electronic claims, or paper CMS-1500 forms when a payer "
            "requires them.",
            "Post insurance payments, adjustments, and denials from electronic remittance advice "
            "(ERA) and paper explanations of benefits (EOB), post patient payments, and balance "
            "each batch to the deposit.",
            "Work rejections and denials promptly: read the CARC and RARC codes, correct and "
            "resubmit claims, and write well-supported appeals within each payer's deadline.",
            "Follow up on unpaid claims by aging bucket, using payer portals and phone calls, and "
            "leave account notes that make the next step obvious to anyone who opens the account.",
            "Answer patients' billing questions by phone, portal, and mail, explain statements "
            "and EOBs in plain language, and set up payment plans within practice policy.",
            "Prepare and send patient statements, review credit balances, and issue refunds to "
            "patients and payers on time.",
            "Send compliant, non-leading queries to providers when documentation is incomplete or "
            "does not support the codes selected, and share coding feedback that helps notes "
            "improve.",
            "Keep current with annual code updates, payer policies, and fee schedule changes, and "
            "flag claims affected by credentialing or enrollment gaps, such as a provider whose "
            "effective date with a plan has not yet arrived.",
            "Protect patient information under HIPAA, follow the official coding guidelines, and "
            "never upcode, unbundle, or bill for services the record does not support.",
            "Report each month on denial trends, days in A/R, and aging, and suggest fixes where "
            "problems begin, whether at scheduling, check-in, documentation, or system setup.",
        ],
        "qualifications": [
            "At least one year of medical billing, coding, or accounts receivable experience in a "
            "physician practice, clinic, or billing service.",
            "A current coding or billing credential, such as CPC, CCS, CCS-P, or CPB, is strongly "
            "preferred; a CPC-A with solid billing experience is welcome.",
            "Working knowledge of ICD-10-CM, CPT, and HCPCS Level II, including the official "
            "guidelines and current E/M rules based on medical decision making or total time.",
            "An understanding of how Medicare, Medicaid, commercial, and managed care plans "
            "differ on coverage, prior authorization, timely filing, and appeals.",
            "Enough medical terminology, anatomy, and pharmacology to code confidently from a "
            "clinical note.",
            "Experience with a practice management or EHR billing system and a clearinghouse, and "
            "confidence learning new ones.",
            "A careful, persistent approach to follow-up: you track every open claim until it is "
            "closed.",
            "Calm, clear communication, whether you are helping a worried patient understand a "
            "bill or spending time on hold with a payer.",
            "Integrity about compliance: you code what is documented, and you speak up when "
            "something looks wrong.",
        ],
        "skills": [
            "Modifier and NCCI edit logic, including when modifier 25 or 59 is and is not "
            "supported",
            "Reading ERAs, EOBs, and CARC and RARC codes quickly and knowing the next step for "
            "each",
            "Writing concise appeal letters that cite the medical record and the payer's own "
            "policy",
            "Eligibility and benefits verification, prior authorization, and coordination of "
            "benefits",
            "Prioritizing A/R follow-up by balance, age, and filing deadline",
            "Spreadsheets for tracking denials, reconciling payments, and spotting trends",
            "Medicare billing rules, including Advance Beneficiary Notices and incident-to billing",
            "Good faith estimates for uninsured and self-pay patients under the No Surprises Act",
            "Coding experience in a specialty such as primary care, orthopedics, dermatology, or "
            "behavioral health",
        ],
        "about_us": [
            "{practice_name} is a medical practice where the business side exists to support good "
            "patient care. We see billing as part of each patient's experience: a clear statement "
            "and a correct claim matter to a family as much as a friendly welcome at the front "
            "desk. The front office, clinical staff, and billing team work together, and when "
            "something goes wrong we fix the process rather than look for someone to blame.",
            "We offer competitive pay that reflects your experience and credentials, paid time "
            "off, and support for continuing education and certification, including the "
            "continuing education units you need to keep your credential current. New team "
            "members get a proper introduction to our systems, payers, and workflows, and we are "
            "glad to help you grow toward a new credential or more responsibility.",
            "We respect your time. Billing work has a steady rhythm, and we plan ahead for "
            "month-end and for the new year's code and payer changes so they do not turn into "
            "late nights. When your day is done, it is done.",
        ],
        "how_to_apply": [
            "Apply using the form on this page and attach your resume. Tell us about your coding "
            "and billing experience: the credentials you hold, the specialties you have worked "
            "in, and the billing systems and clearinghouses you have used. The application takes "
            "only a few minutes, and a cover letter is optional.",
            "We read every application. If your background fits, we will contact you to set up a "
            "short phone conversation, followed by an interview with the people you would work "
            "with, which may include a brief coding exercise using sample notes. Before making an "
            "offer, we verify credentials and check references. We will let you know where you "
            "stand at each step, including if we decide not to move forward.",
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
            "label": "Which of these credentials do you currently hold?",
            "required": True,
            "choices": [
                "CPC",
                "CPC-A",
                "CCS",
                "CCS-P",
                "CPB",
                "Another AAPC or AHIMA credential",
                "None yet",
            ],
            "knockout": [],
        },
        {
            "kind": "number",
            "label": "How many years of medical billing or coding experience do you have?",
            "required": True,
            "choices": [],
            "knockout": [],
        },
        {
            "kind": "multiple_choice",
            "label": "Which parts of the revenue cycle have you handled yourself?",
            "required": False,
            "choices": [
                "Charge entry",
                "Coding",
                "Claim submission",
                "Payment posting",
                "Denials and appeals",
                "A/R follow-up",
                "Patient billing and payment plans",
                "Credentialing",
            ],
            "knockout": [],
        },
    ],
    "interview_questions": [
        {
            "question": (
                "Tell me about a denial pattern you noticed and what you did to stop it where it "
                "started."
            ),
            "listen_for": [
                "Spotted the pattern in data, such as a denial report or repeated CARC codes, not "
                "from a single claim",
                "Traced the cause to a specific step, such as eligibility, authorization, "
                "documentation, or a system setting",
                "Changed a process or trained someone, then checked whether the denials dropped",
                "Gives numbers: claim volume, dollars, or time frame",
            ],
            "follow_ups": [
                "How did you measure whether the fix worked?",
                "Who did you need to persuade, and how did you do it?",
            ],
        },
        {
            "question": (
                "A provider's note supports a level 3 office visit, but the provider selected "
                "level 4 and asks you to bill it as is. What do you do?"
            ),
            "listen_for": [
                "Explains that the level must be supported by the documented medical decision "
                "making or total time",
                "Raises it with the provider respectfully, pointing to the specific gap, through "
                "a compliant query",
                "Does not bill the unsupported level and would involve the office manager or "
                "compliance lead if pressed",
                "Treats it as a chance to help the provider document better, not only to correct "
                "a code",
            ],
            "follow_ups": [
                "What if the provider insists?",
                "How would you word the query so it does not lead the provider to a particular "
                "answer?",
            ],
        },
        {
            "question": (
                "It is Monday morning and the balance over 90 days has grown for three months in a "
                "row. Walk me through how you would work the aging report."
            ),
            "listen_for": [
                "Prioritizes by timely filing risk, balance, and payer rather than simply oldest "
                "first",
                "Checks payer portals and clearinghouse reports before picking up the phone",
                "Notes every action and the next follow-up date on the account",
                "Looks for groups of claims with the same problem that can be fixed together",
            ],
            "follow_ups": [
                "How do you decide when a balance should be adjusted off or moved to patient "
                "responsibility?",
                "Which A/R measures have you been responsible for, and what were they when you "
                "left?",
            ],
        },
        {
            "question": "Tell me about an appeal you wrote that succeeded. What made it work?",
            "listen_for": [
                "Read the denial reason and the payer's policy before writing",
                "Attached the specific documentation and cited the policy or coding guideline",
                "Met the deadline, tracked the outcome, and was ready to take it to the next "
                "level of appeal",
            ],
            "follow_ups": [
                "Tell me about one that failed. What would you do differently?",
                "When have you decided an appeal was not worth filing?",
            ],
        },
        {
            "question": (
                "A patient calls, upset about a $600 bill for a visit she believed her insurance "
                "covered. How do you handle the call?"
            ),
            "listen_for": [
                "Listens first and stays calm without becoming defensive",
                "Reviews the EOB and explains deductible, coinsurance, or a non-covered service "
                "in plain language",
                "Checks whether the practice made an error, such as outdated insurance on file or "
                "a coding mistake, and corrects it",
                "Offers concrete options, such as a payment plan, and calls back when promised",
            ],
            "follow_ups": [
                "What if you find the claim was denied because we billed her old insurance?",
                "How do you close a call like this when you cannot give the patient the answer "
                "she wants?",
            ],
        },
        {
            "question": (
                "A new provider has started seeing patients, but their enrollment with a major "
                "payer is not yet effective. How do you handle the claims?"
            ),
            "listen_for": [
                "Knows the claims will deny and that payers differ on retroactive effective dates",
                "Holds or tracks those claims separately instead of letting them deny and age",
                "Works with whoever handles credentialing, and with scheduling, to protect "
                "patients from surprise bills",
                "Would not bill the visits under another provider's number to get paid sooner",
            ],
            "follow_ups": [
                "How would you find out which enrollments are still pending?",
                "What would you tell the front desk?",
            ],
        },
        {
            "question": (
                "Tell me about a time you found an error, your own or a colleague's, that affected "
                "claims that had already been paid."
            ),
            "listen_for": [
                "Reported it promptly instead of hoping it would go unnoticed",
                "Knows that overpayments must be returned, for Medicare within 60 days of being "
                "identified",
                "Measured the impact and fixed the cause",
                "Stays factual and respectful when describing a colleague's mistake",
            ],
            "follow_ups": [
                "Who did you tell, and in what order?",
                "What changed afterward so it would not happen again?",
            ],
        },
        {
            "question": (
                "How do you keep up with annual code updates and payer policy changes? Tell me "
                "about a recent change that affected your work."
            ),
            "listen_for": [
                "Names specific sources, such as AAPC or AHIMA updates, CMS and Medicare "
                "contractor bulletins, and payer newsletters",
                "Describes a real, recent change and how they put it into practice",
                "Shares changes with providers and coworkers, not just keeps them to themselves",
            ],
            "follow_ups": [
                "How do you earn your continuing education units?",
                "How did you make sure the change reached the providers?",
            ],
        },
    ],
    "competencies": [
        {
            "name": "Coding accuracy",
            "description": (
                "Assigns ICD-10-CM, CPT, and HCPCS codes and modifiers that match the "
                "documentation and the official guidelines."
            ),
            "anchors": [
                "Makes frequent coding or modifier errors and is unsure of basic rules, such as "
                "when modifier 25 applies.",
                "Codes common visits correctly but needs help with modifiers, procedures, or "
                "unfamiliar specialties.",
                "Codes routine and moderately complex encounters accurately and knows where to "
                "check the rules when unsure.",
                "Codes complex encounters accurately, explains the guideline behind each choice, "
                "and helps providers document better.",
            ],
        },
        {
            "name": "Claims and denial management",
            "description": (
                "Sends clean claims and turns denials into payment and into fixes where the "
                "problem started."
            ),
            "anchors": [
                "Resubmits denied claims without finding out why they were denied.",
                "Works denials one at a time but rarely notices patterns or writes a strong "
                "appeal.",
                "Resolves most denials promptly, writes supported appeals, and notices recurring "
                "causes.",
                "Tracks denial trends with data, fixes root causes with the right people, and can "
                "show the denial rate falling.",
            ],
        },
        {
            "name": "A/R follow-up and organization",
            "description": (
                "Keeps every open balance moving, with a clear next step and no missed deadlines."
            ),
            "anchors": [
                "Has no consistent follow-up system and has lost claims to timely filing limits.",
                "Follows up on claims, but mostly oldest first and with thin account notes.",
                "Prioritizes by age, balance, and deadline, documents every action, and keeps "
                "aging under control.",
                "Runs A/R on a clear routine, reports on it unprompted, and has reduced days in "
                "A/R in a previous role.",
            ],
        },
        {
            "name": "Compliance and integrity",
            "description": (
                "Follows HIPAA, coding guidelines, and payer rules, and will not bend them for "
                "revenue."
            ),
            "anchors": [
                "Would bill whatever a provider asks regardless of documentation, or is vague "
                "about HIPAA.",
                "Knows the rules in general but is unsure how to handle pressure or a gray area.",
                "Codes only what is documented, uses compliant queries, and raises concerns "
                "through the right channels.",
                "Explains the risks of upcoding, unbundling, and improper disclosure clearly and "
                "has helped a team correct a compliance problem.",
            ],
        },
        {
            "name": "Patient communication",
            "description": (
                "Explains bills and benefits to patients clearly and kindly and finds workable "
                "solutions."
            ),
            "anchors": [
                "Uses jargon, sounds defensive, or cannot explain a deductible or coinsurance.",
                "Explains the basics accurately but struggles with upset callers.",
                "Explains bills in plain language, stays calm, and offers options such as payment "
                "plans.",
                "Turns difficult billing calls into resolved accounts and follows up without "
                "being reminded.",
            ],
        },
        {
            "name": "Payer and systems knowledge",
            "description": (
                "Understands how payers, clearinghouses, and billing software work, and learns new "
                "ones quickly."
            ),
            "anchors": [
                "Struggles to describe how a claim moves from charge entry to payment.",
                "Knows one payer type or one billing system well but little beyond it.",
                "Works confidently with Medicare, Medicaid, and commercial plans and at least one "
                "billing system and clearinghouse.",
                "Knows payer-specific rules in detail, including how credentialing affects "
                "claims, and has set up or improved billing workflows.",
            ],
        },
    ],
}
