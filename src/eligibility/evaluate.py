"""The evaluator: a rule tree and a patient → a three-valued truth with a reason and the missing data."""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from . import ir
from .errors import PatientDataError
from .logic import Tri, and3, not3, or3
from .patient import (
    DENIAL_TAIL,
    DRUG_EFFECT_REASON,
    NAMED_DENIALS,
    PATIENT_DONOR,
    PLANNED_STATUS,
    RELATIVES,
    RESPONSE_CLASSES,
    SWITCHED,
    TEST_NEGATIVE,
    DateRange,
    Event,
    Obs,
    Patient,
    course_unsaid,
    htlv_type,
    latest_of,
    not_a,
    parse_date,
    stopped,
)
from .units import UnitError, conversion_factor, format_number, is_close, normalise_unit
from .vocab import SHOWN_BY_LIMIT, Concept, Vocabulary, data_file, vocabulary

__all__ = ["Outcome", "Evaluator"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """Truth of a (sub-)rule: value (True/False/None), one readable reason, the data that would decide it."""

    value: Tri
    reason: str
    missing: tuple[str, ...] = ()
    slug: str = ""
    """Why it is unknown: missing_data, not_understood, needs_judgement, unit_mismatch, ..."""


_BARE_TRUE, _BARE_FALSE, _BARE_NONE = Outcome(True, ""), Outcome(False, ""), Outcome(None, "")
"""The compiled path's outcomes, without a reason: shared (an Outcome is frozen)."""

_SYMBOL = {">": ">", ">=": "≥", "<": "<", "<=": "≤", "==": "=", "!=": "≠"}
_NEGATE = {">": "≤", ">=": "<", "<": "≥", "<=": ">", "==": "≠", "!=": "="}
_UNIT_LABEL = {"10^9/L": "×10⁹/L", "year": "years", "week": "weeks", "month": "months", "1": "", "mg/24h": "mg/24 h",
               "mL/min/1.73m2": "mL/min/1.73 m²", "day": "days"}


def _u(unit: str) -> str:
    label = _UNIT_LABEL.get(unit, unit)
    return f" {label}" if label and label != "%" else label


def _same_unit(a: str, b: str) -> bool:
    try:
        return normalise_unit(a) == normalise_unit(b)
    except UnitError:
        return False


_DERIVED_FROM = {"creatinine_clearance": ("creatinine", "weight"), "egfr": ("creatinine",),
                 "corrected_calcium": ("calcium", "albumin"), "bmi": ("weight", "height"), "qtc": ("qtcf", "qtcb")}
"""The measured values a derived one is computed from (see `Evaluator._derive`)."""

_UNCONFIRMED = re.compile(r"(?i)(?:^\s*(?:unknown|\?+|query|differential|provisional)\s*$|\?|"
                          r"\b(?:unlikely|equivocal|questionable|doubtful|indeterminate)\b)|"
                          r"\b(?:suspected|presumed|presumptive|probable|possible|unconfirmed|not\s+(?:yet\s+)?confirmed|"
                          r"(?:biopsy|histology|pathology|confirmation)\s+pending|pending\s+(?:biopsy|histology|pathology|confirmation)|"
                          r"awaiting\s+(?:biopsy|histology|pathology|confirmation)|rule\s+out|r/o|carriers?|heterozygous|trait|"
                          r"diagnosed\s+clinically|clinical\s+diagnosis(?:\s+only)?|"
                          r"(?:histology|biopsy|pathology|histologic\s+confirmation)\s+not\s+(?:done|recorded|available|performed|obtained)|"
                          r"^\s*query\b|^\s*(?:n/?a|na|not\s+applicable|removed)\s*\.?\s*$|"
                          # (the question not answered says nothing of the condition: 'declined to answer')
                          r"(?:declined|refused|unable|unwilling|did\s+not\s+wish|did\s+not\s+want)\s+to\s+(?:answer|respond|"
                          r"disclose|say|comment|specify)|prefers?\s+not\s+to\s+(?:say|answer|disclose)|not\s+answered|unanswered|"
                          r"no\s+answer)\b")
_DOUBT = re.compile(
    # (audit 72: 'likely', 'cannot be excluded', 'versus TIA', 'under investigation', 'to be ruled out', 'concern for',
    # 'working diagnosis', 'pending bone marrow', 'work-up in progress': read as the disease, an unread word of doubt let a
    # criterion be decided; read by `_doubted`, only where the doubt is of the diagnosis)
    r"(?i)\b(?:(?:most\s+|more\s+|very\s+)?likely|suspicion|suspicious|possibly|perhaps|maybe|presumably|probably|"
    r"uncertain|not\s+(?:certain|sure|verified|known)|unverified|tentative|preliminary|provisional(?:ly)?|"
    r"(?:low|high|moderate|some)\s+(?:probability|suspicion|likelihood)|in\s+question|"
    r"(?<!etiology\s)(?<!aetiology\s)(?<!cause\s)(?<!origin\s)unclear(?!\s+(?:a?etiology|cause|origin))|"
    r"(?:cannot|can't|can\s+not|could\s+not|not)\s+(?:be\s+)?(?:excluded|ruled\s+out)|to\s+be\s+(?:ruled\s+out|"
    r"excluded|confirmed)|to\s+rule\s+out|tbc|(?:concern|concerning|worrisome|worrying)\s+(?:for|of)|"
    r"versus|vs\.?|ddx|differential\s+diagnosis|working\s+diagnosis|under\s+(?:investigation|evaluation|"
    r"work-?up)|being\s+(?:investigated|evaluated|worked\s+up|assessed)|in\s+work-?up|"
    r"work-?up\s+(?:in\s+progress|ongoing|pending|underway|not\s+(?:complete|completed|done))|"
    r"(?:pending|awaiting|await(?:s|ed)?)\s+(?:(?:a|the|repeat)\s+)?(?:bone\s+marrow|marrow|BM|work-?up|results?|"
    r"tissue|cytology|biopsy|histology|pathology|confirmation))(?!\w)")
_DOUBT_BEFORE = re.compile(r"(?i)(?:(?:the\s+)?(?:diagnosis|dx)(?:\s+(?:is|was|remains))?|is|was|remains|seems|appears|"
                           r"highly|very|most|quite|clinically|radiologically|overall)?")
"""What may stand before a word of doubt in its part and leave it the diagnosis's ('diagnosis uncertain', 'highly
suspicious'); not 'date unclear', 'R-ISS II vs III', 'recurrence cannot be excluded', 'graft versus host'."""
_DOUBT_OF_ELSE = re.compile(
    r"(?i)\s*(?:(?:of|for|a|an|the)\s+)?(?:progress\w*|relaps\w*|recurren\w*|transformation|response|restaging|rehab\w*|"
    r"cardiac\s+rehab\w*|follow-?up|MRD|monitoring|surveillance|treatment|therapy|transplant\w*|ASCT|PCI|surgery|trial|"
    r"\d{4}|date|onset|cause|etiology|aetiology|origin|source|mechanism|\w*embolic|thrombotic|lacunar|secondary|due\s+to|"
    r"related\s+to|stage|grade|ISS|R-ISS)\b")
"""What a word of doubt may be about besides the diagnosis ('likely progression', 'probably 2015', 'likely cardioembolic',
'under evaluation for cardiac rehab', 'pending repeat bone marrow for restaging')."""
_LOCAL_ROUTE = re.compile(r"(?i)\b(?:intravesical|intrathecal|intralesional|intratumou?ral|topical(?:ly)?|intraperitoneal|intrapleural|"
                          r"intra-?arterial|hepatic\s+arterial|transarterial|TACE|HIPEC|intraocular|intravitreal|bladder\s+instillation|"
                          r"cream|ointment|gel|lotion|foam|eye\s+drops?|ear\s+drops?|drops|ophthalmic|otic|nasal\s+spray|intranasal|"
                          r"inhaled|inhaler|inhalation|nebuli[sz]ed|intra-?articular|enema|suppositor(?:y|ies)|mouthwash|dermal|cutaneous|"
                          r"mouth\s+wash|oral\s+rinse|swish|oral\s+paste|dental\s+paste)\b"
                         r"|(?-i:\(\s*IT\s*\))")  # ('cytarabine (IT)', a record's route 'IT': intrathecal; in capitals only)
"""A therapy given where the disease is, or on the skin, eye or airway, not through the body ('intravesical mitomycin',
'hydrocortisone cream', 'dexamethasone eye drops')."""
_SYSTEMIC_ROUTE = re.compile(r"(?i)\b(?:intravenous(?:ly)?|subcutaneous(?:ly)?|intramuscular(?:ly)?|systemic(?:ally)?)\b"
                             # ('oral', not the mouth as a site: 'oral lichen planus', 'oral ulcer')
                             r"|\borally\b|\boral\b(?!\s+(?:lichen|ulcers?|lesions?|mucosa|mucosal|mucositis|cavity|submucous|"
                             r"candidiasis|thrush|cancer|leukoplakia|GVHD|graft|pain|care|hygiene))"
                             # ('IV', not a stage, grade or class: 'stage IV colorectal cancer')
                             r"|(?-i:(?<![Ss]tage )(?<!STAGE )(?<![Gg]rade )(?<![Cc]lass )\bIV\b|\b(?:PO|SC|SQ|IM)\b)"
                             r"|\b(?:i\.v\.|p\.o\.|s\.c\.)")
"""A route through the body beside a local one ('cisplatin (intraperitoneal and IV)'): given systemically too."""
_MOUTH_FORM = re.compile(r"(?i)\b(?:mouthwash|mouth\s+wash|rinse|swish|gargle|lozenges?|troches?|oral\s+paste|dental)\b")
"""A form held in the mouth, whose route is written 'oral' ('dexamethasone mouthwash', route 'oral'): not swallowed."""


def _given_systemically(name: str) -> bool:
    """Whether a therapy's name (with the route a record gives, `patient`) says it went through the body beside a local
    route: 'cisplatin (intraperitoneal and IV)'. (Its status is not read: 'no systemic treatment' says the opposite; nor
    'oral' of a mouthwash.)"""
    if _MOUTH_FORM.search(name):
        # ('dexamethasone mouthwash (PO)', '… 10 mL PO swish and spit': by mouth, not swallowed)
        name = re.sub(r"(?i)\boral(?:ly)?\b|(?-i:\bPO\b)|\bp\.o\.", " ", name)
    return _SYSTEMIC_ROUTE.search(name) is not None


_BROAD_CLASSES = frozenset({"malignancy", "hematologic_malignancy", "solid_tumor", "lymphoid_malignancy", "b_cell_malignancy",
                            "carcinoma_in_situ"})
"""Classes too wide to make two cancers one disease: sharing a narrower one ('plasma cell neoplasm'), a recorded
cancer may be the trial's own in another form."""
_CANCER_SURGERY = frozenset({"mastectomy", "lumpectomy", "prostatectomy", "cystectomy", "nephrectomy", "debulking_surgery",
                             "tumor_resection", "cancer_surgery", "turbt", "radical_cystectomy", "radical_prostatectomy"})
"""Operations that are cancer surgery by their name."""
_GIVEN_FOR = re.compile(r"(?i)\bfor\s+([^;,()]{3,60})")
_ANTICANCER = frozenset({"systemic_anticancer_therapy", "chemotherapy", "endocrine_therapy", "immunotherapy", "biologic_therapy",
                         "targeted_therapy", "radiotherapy", "surgery", "major_surgery", "hsct", "monoclonal_antibody"})
"""Kinds of cancer treatment a 'no prior …' may mean only for the trial's disease."""
_OPEN_CLASSES = frozenset({"infection"})
"""Classes whose members come and go one by one: a recorded one says nothing of the others."""
_ANTICANCER_DRUGS = frozenset({"systemic_anticancer_therapy", "chemotherapy", "endocrine_therapy", "immunotherapy", "biologic_therapy",
                               "targeted_therapy", "monoclonal_antibody"})
"""The drug classes of `_ANTICANCER`: what a drug of one of them was given for decides whether a bar on the class means it."""
_SPREAD = re.compile(r"(?i)(?<!\bno\s)(?<!\bnon-)(?<!\bnon\s)(?<!\bnot\s)(?<!without\s)\bmetasta(?!sis[- ]free)\w*|"
                     r"\bstage\s*(?:IV|4)[A-C]?\b|(?<![-\w])(?<!FAB\s)M1[a-c]?\b|(?<!\bno\s)(?<!\bof\s)\bspread\b(?!\s+ruled)|"
                     r"\bextensive[- ]stage\b|\bmets\b")
"""A cancer's name or status that says it has spread ('metastatic', 'stage IVC', 'M1'): where to is not said."""
_SPREAD_ROOTS = frozenset({"distant_metastases", "cns_involvement", "peritoneal_metastases", "leptomeningeal_disease",
                           "bone_marrow_metastases"})
_SYSTEMIC_CLASSES = frozenset({"chemotherapy", "systemic_anticancer_therapy", "systemic_corticosteroid", "immunosuppressant"})
_LATER_EVENTS = frozenset({"enrollment", "first_dose", "infusion", "lymphodepletion", "leukapheresis"})
"""Reference events on or after the screening date: one not recorded lies some day from it on."""
_PAUSED = re.compile(r"(?i)\b(?:on[\s-]+hold|paused|held|interrupted|suspended|drug\s+holiday|treatment\s+(?:break|holiday|pause)|"
                     r"temporar(?:y|ily)\s+(?:stopped|discontinued|off|stop|discontinuation)|"
                     r"on\s+(?:a\s+)?break|ran\s+out|run\s+out|between\s+cycles|expired|lapsed)\b"
                     r"(?![^;]*\b(?:resumed|restarted|re-?started|ongoing)\b)")
"""A therapy's status that says it is paused, perhaps to resume ('on-hold', 'drug holiday', 'ran out', 'between cycles')."""
_SWITCHED = re.compile(r"(?i)\b" + SWITCHED + r"\b")
_RAN_OUT_ON = re.compile(r"(?i)\b(?:ran|run)\s+out\s+(?:on\s+)?(\d{4}-\d{1,2}-\d{1,2})\b")
_TO_MAINTENANCE = re.compile(r"(?i)\b(?:switched|changed|converted|transitioned|moved)\s+(?:over\s+)?to\s+(?:a\s+)?maintenance\b")
_RESUMED = re.compile(r"(?i)(?<!\bnot\s)(?<!\bnever\s)(?<!\byet\s)(?<!n't\s)\b(?:resumed|restarted|re-?started|re-?initiated|"
                      r"reinitiated|re-?challenged|rechallenged|back\s+on(?:\s+it)?|will\s+(?:resume|restart))\b(?!\s*\?)"
                      r"(?:\s+(?:on\s+)?(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)\b)?")
"""A course's status that says it began again ('restarted 2026-10-28', 'resumed'); not one denied or asked ('not yet
restarted', 'resumed?')."""
_RESUME_DENIED = re.compile(r"(?i)(?:\b(?:not|never|cannot|no\s+plans?)|n't)\s+(?:(?:to|be|been|being|yet|get|go)\s+)*$")
"""Words right before a resumption that deny it ('not to be restarted', 'will not be restarted', 'cannot be restarted')."""
_BACK_ON_TIME = re.compile(r"(?i)back\s+on\s+(?:schedule|track|course|time|plan)\b")
_TREATED_STATE = re.compile(
    r"(?i)(?<!\bnot\s)(?<!\bpoorly\s)(?<!\bin)(?<!\bun)\b(?:treated|stable|stabili[sz]ed|controlled|asymptomatic|quiescent|"
    r"irradiated|resected|no\s+progression|not\s+progressing)\b")
"""An ongoing condition's status that says it is treated or held in check ('ongoing, treated with SRS, stable'): for a
criterion on an 'active' one ('Known active CNS metastases'), where trials mean untreated or progressing, not decided."""
_ACUTE_EVENTS = frozenset({"myocardial_infarction", "stroke", "tia", "pulmonary_embolism", "dvt", "venous_thromboembolism",
                           "arterial_thrombosis", "hemorrhage", "intracranial_hemorrhage", "gi_bleeding", "gi_perforation",
                           "unstable_angina", "bone_fracture"})
"""Conditions that are events: a problem list keeps one 'active' long after it happened."""
_SAYS_ONGOING = re.compile(r"(?i)\s*(?:active|ongoing|recurrence|relapse|persistent|persists|persisting|residual)\b"
                           r"(?!\s+(?:again|for|until))")
"""A status that opens by saying the condition goes on ('active, abated', as a FHIR condition active and abated is
read): with an end before the window, the record says both."""
_FHIR_DETAILS = re.compile(r"(?i)(?:\s*;\s*(?:(?:site|severity|stage):|for\s)[^;]*)+$")
"""What a FHIR resource adds to a status ('resolved; severity: mild; site: lung'), set aside where the status alone counts."""
_OVER_NOW = re.compile(r"(?i)^\s*(?:resolved|cured|inactive|(?:in\s+)?(?:complete\s+)?remission|healed|cleared)\s*$")
"""A whole status that says a condition is over now ('resolved', FHIR clinicalStatus 'inactive' or 'remission')."""
_EARLIER_EVENTS = frozenset({"lab_test"})
"""Reference events on or before the screening date: one not recorded lies some day before it."""
_REFERENCE_UNRECORDED = " is not recorded: not counted"
_COMES_AFTER = {"first_dose": ("enrollment", "leukapheresis", "lymphodepletion"), "leukapheresis": ("enrollment",), "lymphodepletion": ("enrollment", "leukapheresis"),
                "infusion": ("enrollment", "leukapheresis", "lymphodepletion")}
"""The events each later one comes after: an unrecorded first dose is no earlier than a recorded enrollment."""
_VOID = r"(?:error|erroneous|wrong\s+(?:patient|chart|record|person)|duplicate|deleted|invalid|incorrect|void(?:ed)?|entered[\s-]+in[\s-]+error)"
_NOT_HAPPENED = re.compile(
    # ('declined after cycle 2', 'refused further cycles after 4': given, then stopped)
    r"(?i)\s*(?:(?:negative|ruled\s+out|excluded|declined|refused|entered[\s-]+in[\s-]+error)\b"
    # ('negative after treatment', 'declined more treatment', 'ruled out then confirmed': it happened; 'ruled out after
    # MRI', 'negative after repeat testing': how it was found not to; 'declined to answer': nothing said of it)
    r"(?![^,;]*\b(?:cycles?|doses?|courses?|further|more|maintenance|continu\w*|resumed|then|SVR|DAA|answer\w*|respond\w*|"
    r"disclos\w*|say|comment|specify|questions?|questionnaire|interview)\b|"
    # ('refused due to toxicity', 'declined because of CRS': the drug's own effects, as for a therapy's declined status in
    # the record: it was given)
    r"(?:(?<=declined)|(?<=refused))\s+(?:due\s+to|because\s+of|because|owing\s+to)\s+" + DRUG_EFFECT_REASON + r"|"
    r"[^,;]*\bafter\s+(?:cycle|dose|course|\d+\s+(?:cycles?|doses?|courses?|infusions?)|(?:the\s+)?(?:first|second|third|"
    r"initial|induction)|treatment|therapy|"
    r"progression|relapse))|"

    # (a cancelled or ungiven event only as the whole status, or with a reason: 'not given on day 1', 'cancelled, then
    # given' say it happened after all; 'not done - insurance' that it did not)
    r"(?:cancell?ed|not\s+(?:given|received|done|performed|started|taken)|never\s+(?:given|received|started)|not-done|not-taken)\b"
    r"(?:\s*(?:[-–:(]|due\s+to|because\s+of|because|owing\s+to|by\s+(?:the\s+)?patient|per\s+patient)[^,;]*)?\s*[.)]?\s*$|"
    # (a status that denies it, only as a whole: 'absent', 'none', 'denied', 'refuted', 'ruled-out'; not 'no - resolved',
    # 'none (old infarct on MRI)', 'absent (resected 2019)'. A condition's other denials, 'never had', 'workup negative', are
    # read with the record (`present`); here, of a therapy too, 'no progression on CT' and 'MRD negative' had erased it)
    r"(?:absent|none|no|nil|not\s+present|denied|denies|refuted|ruled[\s-]+out|no\s+history|patient\s+denies|none\s+known|"
    r"none\s+reported)" + DENIAL_TAIL + r"|"
    # (an entry void as a record: 'entered in error', 'wrong patient', 'duplicate', 'error - wrong chart'; not 'error in
    # dosing', 'error - dose corrected')
    r"" + _VOID + r"(?:\s+(?:entry|record))?(?:\s*[-–:(,;]\s*(?:" + _VOID + r"(?:\s+(?:entry|record))?|(?:see|belongs?\s+to|removed|"
    r"deleted|other|another|moved|refer)\b(?![^;]*\b(?:confirm\w*|positive|repeated)\b)[^;]*))*"
    r"\s*[.)]?\s*$)")
"""A record's status that says the event did not happen: 'declined', 'cancelled', 'negative' (of a test for it), or that
the entry is void ('entered in error', 'wrong patient')."""
_DIAGNOSIS_VOID = re.compile(r"(?i)^\s*(?:(?:misdiagnosed|withdrawn|retracted|rescinded)\s*\.?\s*$|(?:misdiagnosis|"
                             r"diagnosis\s+(?:withdrawn|retracted|rescinded)|not\s+(?:an?\s+)?(?:(?:true|real|actual|confirmed)\s+)?"
                             r"(?:diagnosis|case))\b[^,;]*$)")
"""A condition's status that withdraws its diagnosis ('misdiagnosed', 'diagnosis withdrawn', 'misdiagnosis'): no history of
it (nor a denial: what the patient has is not said). Not 'misdiagnosed initially as migraine', 'misdiagnosed as MGUS in
2018' (the condition was taken for another), nor 'withdrawn from prior trial'."""
_STEROID_OTHER_USE = re.compile(r"(?i)\b(?:anti-?emetic|pre-?medicat\w*|nausea|vomiting|single\s+dose|replacement|physiologic\w*|"
                                r"adrenal\s+insufficiency|contrast\s+allergy)\b")
"""A steroid given for something else than suppressing immunity ('single dose as antiemetic', 'replacement'): whether it
counts as an immunosuppressive is open."""
_FOR_CANCER = re.compile(r"(?i)\b(?:cancer|carcinoma|tumou?r|malignan\w*|neoplas\w*|metasta\w*|anti-?cancer|antineoplastic|oncolog\w*|"
                         r"lymphoma|leuk[a]?emia|myeloma|sarcoma)\b")
"""An indication that makes a drug of several uses an anticancer therapy ('for metastatic breast cancer')."""
_RESOLVED = re.compile(r"(?i)\b(?:resolved|cured|cleared|inactive|healed|(?:in\s+)?remission|(?:not|no\s+longer)\s+"
                       r"(?:active|present|current|ongoing)|(?<![\w-])(?:past|former|previous|history|prior)(?=\s*(?:[,;.)]|$)))")
"""Status words that say a condition is over ('resolved after revascularisation', 'in remission', 'no longer active'); a
bare 'past', 'previous' or 'history' only as a whole part of the status ('history', not 'family history', 'history of
noncompliance' or 'active for the past 2 weeks')."""
_CAME_BACK = re.compile(r"(?i)\b(?:recurr(?:ed|ing|ences?|ent)|reoccurr(?:ed|ing|ences?)|relaps(?:ed|ing|es?)|"
                        r"flares?|flared|flare[\s-]+ups?|flaring|reactivat(?:ed|ions?)|re-?activated|"
                        r"reappear(?:ed|ing|ances?)|exacerbat(?:ed|ions?)|reinfect(?:ed|ions?)|recrudescen(?:ce|t)|"
                        r"returned(?!\s+to\b)|came\s+back(?!\s+(?:negative|normal|clear)\b)|"
                        r"active\s+again|again\s+active|(?:now|currently|still)\s+(?:active|present|ongoing)|"
                        r"progress(?:ed|ion))\b")
"""Status words that say a condition came back: after an 'over' word ('resolved, recurred', 'healed; active again',
'in remission, relapsed', 'past, now active') the condition is not over; and, the return undated, it may fall in any
window after the recorded date."""
_GOES_ON = re.compile(r"(?i)\b(?:(?<!in)active|ongoing|current|progressive|progressing|uncontrolled|metastatic|refractory|"
                      r"on\s+(?:treatment|therapy)|residual\s+(?:disease|tumou?r|cancer|infection|lesions?)|"
                      r"persist(?:s|ing|ent)?\s+(?:disease|infection|tumou?r|cancer)|(?:disease|infection|tumou?r|cancer)\s+persists?|"
                      r"(?:persistent|persists|persisting|residual)(?=\s*(?:[,;.)]|$)))\b")
"""Status words that say a condition goes on: after an 'over' word ('resolved, ongoing', 'radiologically resolved,
clinically active') it is not over; before one ('active, completely resolved') it is what it was."""
_NOT_BACK_BEFORE = re.compile(
    r"(?i)(?:\b(?:no|not|never|without|nor|denies|denied|no\s+longer)[\s.-]+|n't\s+(?:been\s+|had\s+(?:a\s+)?)?|\bnon-|"
    r"\bfree\s+(?:of|from)\s+|\b(?:absence|risk)\s+(?:of|for)\s+)"
    r"(?:(?:further|new|subsequent|evidence\s+of|signs?\s+of|documented|known|clinical|any)\s+){0,2}$")
"""A denial right before a return word ('no recurrence', 'never reactivated', 'no evidence of relapse', 'low risk of
recurrence', 'non-progressive', 'hasn't recurred', 'no-recurrence'); not one further off ('non-adherent and relapsed',
'denied symptoms but recurred')."""
_NOT_BACK_AFTER = re.compile(r"(?i)^\s*-?\s*(?:free|ruled\s+out|excluded|remitting|risk|unlikely|not\s+(?:seen|observed|"
                             r"detected|noted|confirmed))\b")
_ON_BEFORE_NOW = re.compile(r"(?i)\b(?:previously|formerly|was|were|initially|originally|once)\s+(?:[\w-]+\s+)?$")
_ON_BEFORE_NOW_AFTER = re.compile(r"(?i)^\s*(?:before|at\s+diagnosis|previously|earlier|initially|in\s+the\s+past)\b")
"""Around a word that says a condition goes on, what puts it in the past ('previously uncontrolled', 'in remission (was
metastatic)', 'uncontrolled before')."""
_EARLIER_BACK = re.compile(r"(?i)\b(?:resolved|cured|cleared|healed|remission|inactive)\s+(?:(?:achieved|obtained|reached|attained|"
                           r"documented|confirmed|again)\s+)?(?:after|since|following)"
                           r"\s+(?:(?:a|an|the|her|his|their|prior|previous|last|first)\s+)?$")
"""Before a return word, what puts it before the status's end: 'remission after relapse', 'in remission since relapse'."""
_NOT_OVER_BEFORE = re.compile(r"(?i)(?:\b(?:no|not|never|no\s+longer|partially|partial|partly|incompletely|incomplete|"
                              r"previously|formerly|was|were|hoping\s+for|goal:?|expected|"
                              r"out\s+of|after|following|near|nearly|almost|mostly|possibly|probably|lost|losing|loss\s+of|"
                              r"without|awaiting|pending|failed\s+to\s+(?:achieve|reach|attain))\s+"
                              r"(?:(?:yet|fully|completely|complete|full|clinical|previous|previously|prior|a|an|in|being|having|"
                              r"been|achieve|reach)\s+){0,3}|\bun-?|\bpre-)$")
"""Before an 'over' word, what makes it no end now: 'not in complete remission', 'never resolved', 'partial remission',
'near complete remission', 'lost remission', 'failed to achieve remission', 'relapsed after remission' (the remission
came first)."""
_NOT_OVER_AFTER = re.compile(r"(?i)^\s*(?:\?|[:\-–]\s*no\s*(?:[,;.)]|$)|\(?\s*(?:not|never|lost|ended|unknown|unconfirmed|unlikely|"
                             r"uncertain|pending|expected|induction|status\s+unknown|was\s+not|partially|partly|incompletely)\b)")


_REFUSED_FOR = re.compile(r"(?i)^\s*(?:(?:offered|planned|recommended|proposed|discussed|considered|suggested|prescribed|"
                          r"treatment|therapy|chemo\w*|it|was|were|has|had|have|he|she|they|the|patient|pt\.?|but|and|then)"
                          r"[\s,;:]+)*(?:declined|refused)\b(?![^,;]*\b(?:after|cycles?|doses?|"
                          r"courses?|further|more|maintenance|continu\w*|resumed|then|following|since)\b)[^,;]*\b(?:due\s+to|"
                          r"because|owing\s+to)\b")
"""A refusal with a reason and no course ('refused due to toxicity', 'declined because of infection'): whether the therapy
was given first is not said (a reason the record reads as never given, 'due to cost', 'fear of side effects', is read
before this)."""
_SAID_NOT_GIVEN = re.compile(r"(?i)(?:^|[,;(]|\s[-–])\s*(?:(?:not|never)\s+(?:yet\s+)?(?:given|started|received|infused|"
                             r"administered|performed|done|begun)(?:\s+yet)?|did\s+not\s+(?:start|receive|begin|undergo))\s*[.)]?\s*"
                             r"(?:$|[,;)])")
"""A part of a status that says it was never given ('declined due to toxicity, not given')."""


@lru_cache(maxsize=4096)
def _refused_for(status: str) -> bool:
    """`_REFUSED_FOR` over a status, remembered (statuses repeat across records and criteria)."""
    return _REFUSED_FOR.search(status) is not None


@lru_cache(maxsize=4096)
def _not_happened(status: str) -> bool:
    """`_NOT_HAPPENED` at the start of a status ('declined', 'entered in error'), a status that names only relatives
    ('family history, father', 'maternal aunt'), or one that says the patient was the donor ('patient was the donor'):
    remembered."""
    return _NOT_HAPPENED.match(status) is not None or _relatives_only(status) or PATIENT_DONOR.search(status) is not None


_RELATIVES = RELATIVES
_FAMILY = re.compile(rf"(?i)\b(?:fam(?:ily)?[\s-]+(?:history|hx)|fhx?|maternal|paternal|(?:in|of)[\s-]+(?:his\s+|her\s+|the\s+)?"
                     rf"(?:{_RELATIVES}))\b")
"""Words that put a condition in a relative ('family history', 'maternal', 'in mother', 'FHx')."""
_RELATIVES_ONLY_PART = re.compile(rf"(?i)\s*(?:(?:fam(?:ily)?[\s-]+(?:history|hx)|fhx?)(?:\s+of\b.*)?|(?:(?:maternal|paternal|in|of|his|her|"
                                  rf"the|and|&|side|only|deceased|both|two|three|older|younger|patient's|{_RELATIVES})(?:'s)?\b[\s&-]*)+"
                                  rf"(?:\s*[:=]\s*yes)?|not\s+(?:the\s+)?patient|no\s+personal\s+history|personal\s+history\s+(?:negative|none)|"
                                  rf"(?:patient|self|she|he)\s*(?:is\s+)?(?:[:=]\s*no|not\s+affected|unaffected|negative|healthy|"
                                  rf"free\s+of\s+disease))\s*\.?\s*")


_RELATIVE_FIRST = re.compile(rf"(?i)\s*(?:her\s+|his\s+|both\s+)?(?:{_RELATIVES})(?:'s)?\b")
_RELATIVE_ANY = re.compile(rf"(?i)\b(?:{_RELATIVES})(?:'s)?\b")


def _relatives_only(status: str) -> bool:
    """Whether a status says, and only says, that the condition is a relative's ('family history, father', 'family history
    of breast cancer', 'maternal aunt', 'in mother and sister'); not 'family history; patient also diagnosed 2019',
    'family history; diagnosed 2018' (whose?)."""
    return bool(_FAMILY.search(status) or _RELATIVE_ANY.search(status)) and (
        not _patients_own(status)) and all(
        _RELATIVES_ONLY_PART.fullmatch(part) for part in re.split(r"[,;:()/]|\s[-–]\s", status) if part.strip())


@lru_cache(maxsize=4096)
def _planned(status: str) -> bool:
    """`PLANNED_STATUS` over a whole status ('planned, not yet given'), remembered."""
    return PLANNED_STATUS.match(status) is not None


@lru_cache(maxsize=4096)
def _unconfirmed(status: str) -> bool:
    """Whether a condition's status says it is not established ('suspected', 'biopsy pending', 'carrier'), or may be a
    relative's ('family history; diagnosed 2018'); statuses repeat across records: remembered."""
    return _UNCONFIRMED.search(status) is not None or (
        (_FAMILY.search(status) is not None or _RELATIVE_ANY.search(status) is not None) and not _patients_own(status))


def _a_response(e: Event) -> bool:
    """Whether a cancer's (or its spread's) whole status is a test found negative ('bone marrow negative', 'PET negative',
    'negative biopsy'): the response to treatment perhaps, not the absence of the diagnosis."""
    return e.category == "condition" and bool(e.classes & RESPONSE_CLASSES) and TEST_NEGATIVE.match(e.said) is not None


_SAYS_FOR = re.compile(r"(?i)\bfor\b(?!\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|a\s+few)\s+"
                       r"(?:cycles?|courses?|doses?|infusions?|days?|weeks?|months?|years?)\b)(?!\s+maintenance\b)")
"""A record's entry that may say what it was given for ('cyclophosphamide for lupus nephritis', '… (for lupus nephritis)',
'reason: for myeloma'): a cheap first test before the indication is looked for."""


_AN_OUTCOME = re.compile(r"(?i)\b(?:completed|refractory|progress(?:ed|ion)|relapsed?|stopped|discontinued|ended|finished|"
                         r"resolved|responded|response|remission)\b")
"""A status that reports what came of an entry: it had begun, whatever its partial start."""


_COURSE_GOES_ON = re.compile(r"(?i)\b(?:ongoing|continu(?:ing|es|ed)|on\s+(?:treatment|therapy)|currently\s+(?:on|receiving|taking)|"
                      r"in\s+progress|still\s+(?:on|receiving|taking)|under\s+way)\b"
                      # (not 'continuing remission', 'ongoing response', 'ongoing follow-up': the disease's, not the course's)
                      r"(?!\s+(?:follow|remission|response|monitor|surveillance|observation|complete|partial|stable))")
_DAY_SAID = re.compile(r"(?i)\b(?:last\s+dose|dose[ds]?|cycle\s+\d+|given|administered|infused|received|took|taken)\D{0,24}?(\d{4}-\d{2}-\d{2})\b")


def _went_on_after(e: Event) -> bool:
    """Whether a course's status says it went on after its recorded end: words that it goes on, or a day after the end
    ('last dose 2026-10-25' of a course ended 2026-09-01)."""
    for part in re.split(r"[,;]", e.said):
        # ('held for neutropenia, then continued', 'completed cycle 4; cycle 5 ongoing': a part that says it goes on, no
        # stop after it)
        if (on := _COURSE_GOES_ON.search(part)) is not None and not _STOPPED_WORDS.search(part, on.end()):
            return True
    assert e.end is not None
    for m in _DAY_SAID.finditer(e.said):
        try:
            if date.fromisoformat(m.group(1)) > e.end.latest:
                return True
        except ValueError:
            continue
    return False


_STOPPED_WORDS = re.compile(r"(?i)\b(?:discontinued|stopped|completed|ended|finished|held|no\s+longer)\b")


@lru_cache(maxsize=4096)
def _plain_name(name: str) -> bool:
    """Whether an entry's name (its status empty) says no indication and no local route (`plainly_given`); names repeat
    across a cohort: remembered."""
    return not _SAYS_FOR.search(f"{name} ") and not _LOCAL_ROUTE.search(f"{name} ")


def begun_by(e: Event, day: date) -> Tri:
    """Whether an event had begun by a day: False when its start is after it, None when a partial start holds it
    ('2026-11' of 2026-11-01) and no end recorded before it says it had; True otherwise (no start recorded too)."""
    if e.start is None:
        return True
    if e.start.earliest > day:
        return False
    return True if min(e.start.latest, e.end.latest if e.end is not None else e.start.latest) <= day else None


def plain_history(r: ir.History) -> bool:
    """Whether a history rule asks only that an event of its classes happened: no window, status, grade, qualifier,
    exception or 'other', nothing of surgery (whose indication `_history` weighs): any plainly given event of its
    classes and category meets it (`Evaluator.plainly_given`), as `_history` would say."""
    return (r.status == "any" and r.window is None and not r.qualifiers and not r.excluding and not r.excluding_qualifiers
            and r.min_grade is None and not r.other and not r.untimed and "surgery" not in r.concepts
            and r.category in ("therapy", "procedure", "any"))


@lru_cache(maxsize=4096)
def _doubted(status: str, name: str) -> bool:
    """Whether a condition's status doubts its diagnosis by a word of `_DOUBT` ('likely', 'versus TIA', 'pending bone
    marrow'): standing first in its part, or after the entry's own name or the diagnosis ('stroke, likely', 'diagnosis
    uncertain'), and not about something else after it ('likely progression', 'probably 2015'), remembered. Not a doubt of
    a date, stage or later event ('date unclear', 'R-ISS II vs III', 'recurrence cannot be excluded'), which read as before."""
    for part in re.split(r"[,;]", status):
        for m in _DOUBT.finditer(part):
            before = part[: m.start()].strip(" -:(").lower()
            if not (_DOUBT_BEFORE.fullmatch(before) or before == name.strip().lower()):
                continue
            if not _DOUBT_OF_ELSE.match(part, m.end()):
                return True
    return False


_PATIENTS_OWN = re.compile(
    r"(?i)\bpatient\s+(?:(?:also|too|herself|himself|was|is|has|had|been)\s+)*(?:diagnosed|had\s+it|has\s+it|affected)\b|"
    r"\b(?:she|he)\s+(?:herself|himself)\b|\b(?:her|him|them)selves?\s+(?:(?:also|too)\s+)?(?:had|has|was\s+diagnosed|diagnosed)\b|"
    r"\bdiagnosed\s+(?:her|him|them)sel(?:f|ves)\b|"
    r"\bpersonal\s+(?:history|diagnosis)\b(?!\s+of\b)(?!\s*(?:[:-]\s*)?(?:negative|none|no|unknown|pending|unclear)\b)|"
    r"\bpersonal\s+\w+\s+(?:carcinoma|cancer)\b|"
    r"\b(?:in|and|&)\s+(?:self|patient)\b|\b(?:self|patient)\s+(?:and|&)\b|\bpatient\s+also\b|\balso\s+(?:the\s+)?patient\b")
_DENIED_NEAR = re.compile(r"(?i)\b(?:no|not|denies|denied|never|none|nor)\b")


def _patients_own(status: str) -> bool:
    """Whether a status with a relative in it says the patient has it too ('family history; patient also diagnosed
    2019', 'she herself had it 2015', 'family history of breast cancer and personal history'; not 'patient denies',
    'no personal history', 'she is worried', 'patient tested negative')."""
    m = _PATIENTS_OWN.search(status)
    return m is not None and not _DENIED_NEAR.search(status, max(0, m.start() - 15), m.end() + 10)


@lru_cache(maxsize=4096)
def _came_back_at(said: str) -> tuple[int, ...]:
    """Where the record's own status words say the condition came back; not where they deny it ('no recurrence',
    'never reactivated', 'relapse-free', 'progression-free', 'low risk of recurrence', 'reactivation ruled out',
    'relapsing-remitting')."""
    return tuple(m.start() for m in _CAME_BACK.finditer(said)
                 if not _NOT_BACK_BEFORE.search(said, 0, m.start()) and not _NOT_BACK_AFTER.match(said[m.end():]))


@lru_cache(maxsize=4096)
def _later_back_at(said: str) -> tuple[int, ...]:
    """Where the record's words say the condition came back or goes on, less the returns they put before the rest ('in
    remission since relapse': in remission now)."""
    on = [m.start() for m in _GOES_ON.finditer(said)
          if not _NOT_BACK_BEFORE.search(said, 0, m.start()) and not _NOT_BACK_AFTER.match(said[m.end():])
          and not _ON_BEFORE_NOW.search(said, 0, m.start()) and not _ON_BEFORE_NOW_AFTER.match(said[m.end():])]
    return tuple(sorted([at for at in _came_back_at(said) if not _EARLIER_BACK.search(said, 0, at)] + on))


@lru_cache(maxsize=4096)
def _over_at(status: str) -> tuple[int, ...]:
    """Where a status says the condition is over; not where that is denied or comes first ('not in remission',
    'partially resolved', 'relapsed after remission')."""
    return tuple(m.start() for m in _RESOLVED.finditer(status)
                 if not _NOT_OVER_BEFORE.search(status, 0, m.start()) and not _NOT_OVER_AFTER.match(status[m.end():])
                 # (a bare 'history', 'past' only as a whole part: not 'family history')
                 and not (m.group(0).lower() in _WEAK_OVER and status[_part_start(status, m.start()) : m.start()].strip())
                 # ('cleared for surgery', 'cleared to start': no end of anything)
                 and not (m.group(0).lower() == "cleared" and re.match(r"\s+(?:for|to)\b", status[m.end():])))


_WEAK_OVER = frozenset({"past", "former", "previous", "history", "prior"})


def _part_start(status: str, at: int) -> int:
    return max(status.rfind(c, 0, at) for c in ",;.(") + 1


def _over(e: Event) -> bool:
    """Whether a condition's status says it is over: an 'over' word not followed by the record's own word saying it
    came back (a name's 'recurrent pericarditis' says what kind, not that it came back after 'resolved')."""
    over = _over_at(e.status)
    if not over:
        return False
    back = _later_back_at(e.said)  # (`said` opens `status`: positions compare)
    return not back or back[-1] < over[-1]


def _came_back(e: Event) -> bool:
    """Whether the record's status says the condition came back and is not over again ('resolved, recurred')."""
    return bool(_later_back_at(e.said)) and not _over(e)


_LEXICON = data_file("lexicon.toml")
_ORGANS = frozenset(_LEXICON["organs"])
"""Organ words a criterion narrows a condition or procedure by ('cardiac amyloidosis', 'lung radiotherapy')."""
_GRADE_CHANGED = re.compile(r"(?i)\b(?:resolved|improved|decreased|reduced|down(?:graded)?|recovered|returned|worsened|progressed|"
                            r"increased|deteriorated|escalated|up(?:graded)?)(?:\s+from\s+(?:CTCAE\s+)?(?:grade\s*)?[0-5])?\s+to\b"
                            r"|\b(?:now|currently|presently)\s+(?:CTCAE\s+)?grade\s*[0-5]"
                            # ('residual grade 1', 'worst grade 3', 'grade 3 at onset', 'improving', 'resolving': the grade
                            # recorded may not be today's)
                            r"|\b(?:residual|worst|max(?:imum|imal)?|peak|highest|initial(?:ly)?|improv(?:ed|ing)|resolving|"
                            r"better|at\s+(?:onset|worst|diagnosis))\b")
"""A status that says the grade changed ('resolved to grade 1', 'worsened to grade 3'): the grade now is in its words."""
_GRADE_WRITTEN = re.compile(r"(?i)\b(?:ctcae\s+)?(?:grade|gr\.?|g)\s*([0-5]|iv|v|i{1,3})\b")
_WORST_GRADE = re.compile(r"(?i)(?:max(?:imum|imal)?|worst|peak|highest)\s+(?:ctcae\s+)?(?:grade|gr\.?|g)\s*([0-5]|iv|v|i{1,3})\b"
                          r"(?!\s*\?)(?!\s+(?!(?:on|at|in|during|after|before|per|by|with|day|d\d+|cycle|c\d+|post|following|"
                          r"then|and|was|reached|observed|recorded|noted|overall)\b)[a-z])")
"""A grade written in a status ('max grade 3 on day 2, grade 2 at discharge'), and one it says was the worst (read by
`_worst_grades`)."""
_ROMAN_GRADE = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}


def _grades_in(said: str, pattern: re.Pattern[str]) -> list[int]:
    return [int(g) if g.isdigit() else _ROMAN_GRADE[g.lower()] for g in pattern.findall(said)]


def _grades_of_years_before(said: str, least: int, year: int) -> bool:
    """Whether every part of a status that writes a grade of at least `least` names a year before `year` ('max grade 3 in
    2024' against a window of this year; not 'worst grade 4; prior episode 2024 grade 1')."""
    parts = [x for x in re.split(r"[;,]", said) if any(g >= least for g in _grades_in(x, _GRADE_WRITTEN) + _worst_grades(x, ""))]
    return bool(parts) and all((ys := [int(y) for y in re.findall(r"(?i)\b(?:in|on|during|of)\s+(?:[a-z]+\s+)?((?:19|20)\d\d)\b", x)])
                               and max(ys) < year for x in parts)


def _worst_grades(said: str, name: str) -> list[int]:
    """The worst grades a status gives of the entry itself: a `_WORST_GRADE` first in its part, or after the entry's own
    name ('max grade 3 on day 2', 'CRS peak grade 3'); not of another event ('ICANS max grade 3' on a CRS, '(worst grade
    3 neutropenia)', 'max grade 3 neutropenia'), nor denied ('did not reach max grade 3')."""
    out = []
    for part in re.split(r"[,;]", said):
        m = _WORST_GRADE.search(part)
        if m is not None and part[: m.start()].strip().lower() in ("", name.strip().lower()):
            g = m.group(1)
            out.append(int(g) if g.isdigit() else _ROMAN_GRADE[g.lower()])
    return out
_FLARE_AFTER = re.compile(r"(?i)\s*(?:[,-]\s*)?(?:exacerbat\w*|flare\w*|episode|decompensat\w*|on\b|phase\b|worsen\w*|"
                          r"relapse|recurren\w*|attack)")
_OPPOSITE = {k: re.compile(rf"(?i)(?<![\w-]){re.escape(v)}(?![\w-])") for k, v in _LEXICON.get("opposite_qualifiers", {}).items()}
"""A qualifier's opposite, as a record may say it ('acute graft-versus-host disease' against 'chronic')."""


_NEGATED_BEFORE = r"(?i)\b(?:(?:not|no|non|never)[\s-]+(?:(?:longer|clinically|medically|hemodynamically|functionally|very)\s+)?|(?:previously|formerly|initially|once)\s+)"
"""A negation, perhaps with an adverb, before a qualifier ('not clinically significant' denies 'significant' too)."""


_NEO = re.compile(r"\bneo[\s-]+(?=adjuvant)")
_NEVER_ACTIVE = re.compile(r"(?i)\b(?:never\s+active|(?<!or\s)latent(?!\s+or\b))\b")


_SETTLED_QUALIFIER = re.compile(r"(?i)(?<!poorly\s)(?<!not\s)\b(?:remission|resolved|cured|controlled|stable|inactive|quiescent|"
                                r"cleared|healed)\b")
"""A qualifier that asks for a disease held in check ('in remission'), which a later return undoes."""


@lru_cache(maxsize=8192)
def _denies(status: str, qualifier: str) -> bool:
    """Whether a record's status says the event is not of the qualified kind ('not clinically significant')."""
    if qualifier == ir.EVER_ACTIVE:
        return _NEVER_ACTIVE.search(status) is not None and not _says(status, qualifier)
    return " or " not in qualifier and re.search(
        rf"{_NEGATED_BEFORE}{re.escape(qualifier.strip())}(?![\w-])", status) is not None


_ANY_TREATMENT = frozenset({"requiring treatment", "requiring therapy", "requiring medication", "requiring medical treatment",
                            "requiring medical therapy"})
_TREATED = re.compile(r"(?i)(?<![\w-])(?:on|under|receiving|requir(?:es|ing)|needs|needing)\s+(?:\w+\s+)?"
                      r"(?:treatment|therapy|medications?)(?![\w-])")
"""A status that says a condition is treated now, which a bare 'requiring treatment' asks."""
_UNTREATED = re.compile(r"(?i)\b(?:no|not|never|none|off|without|ruled\s+out|untreated|stopped|discontinued|formerly|"
                        r"previously|childhood|past)\b")
"""Words by which a status may deny a present need of treatment ('needs no treatment', 'off medication since 1980')."""


@lru_cache(maxsize=8192)
def _plain_words(text: str) -> str:
    """A status or name lower-cased, hyphens as spaces ('neo-adjuvant' one word: never 'adjuvant')."""
    return " ".join(_NEO.sub("neo", text.lower()).replace("-", " ").split())


@lru_cache(maxsize=8192)  # (a pure function of two short texts, asked again for every patient screened)
def _says(status: str, qualifier: str) -> bool:
    """Whether a record's status says the qualifier, as whole words ('untreated' does not say 'treated',
    nor 'unstable' 'stable', nor 'not clinically significant' 'clinically significant'); a qualifier of alternatives
    ('progressing or requiring active treatment') is said by any one of them."""
    if qualifier in _ANY_TREATMENT and _TREATED.search(status) and not _UNTREATED.search(status):
        return True  # ('seizure disorder on treatment', 'receiving levetiracetam': it requires treatment)
    if _SETTLED_QUALIFIER.search(qualifier) and _came_back_at(status) and _later_back_at(status):
        # 'in remission, relapsed', 'in remission; relapse 2026-09' against 'Acute leukemia in remission': the state it
        # was in is over (read as said, a relapsed leukemia passed)
        return False
    if qualifier == ir.EVER_ACTIVE:
        # ('previously active, treated, now inactive', 'no longer active': active once; not 'latent or active not recorded')
        return any(not re.search(r"(?i)\b(?:not|non|never|in)[\s-]*$", status[: m.start()])
                   and not _OPEN_BEFORE.search(status, 0, m.start()) and not _OPEN_AFTER.match(status, m.end())
                   for m in re.finditer(r"(?i)(?<![\w-])active(?![\w-])", status))
    return any(not re.search(_NEGATED_BEFORE + "$", status[: m.start()]) and not _OPEN_BEFORE.search(status, 0, m.start())
               and not _OPEN_AFTER.match(status, m.end())
               and not (alt.strip().lower().startswith("stage") and _OTHER_STAGING.search(status, 0, m.start()))
               for alt in qualifier.split(" or ") if alt.strip()
               for m in re.finditer(rf"(?i)(?<![\w-]){re.escape(alt.strip())}(?![\w-])", status))


_OTHER_STAGING = re.compile(r"(?i)\b(?:R-?ISS|ISS|revised\s+ISS|international\s+staging\s+system)\s*[:(]?\s*$")
"""'ISS stage I': a stage of another staging system than the criterion's ('No stage I myeloma', Durie-Salmon)."""
_OPEN_BEFORE = re.compile(r"(?i)\b(?:or|whether|if|possibly|maybe|perhaps)\s+$")
_OPEN_AFTER = re.compile(r"(?i)(?:\s+\w+){0,2}?\s*(?:\?|(?:is\s+|was\s+)?(?:not\s+(?:recorded|known|documented|stated|said|specified)|unknown|"
                         r"unclear|undetermined|uncertain))")
"""'latent or active not recorded', 'active?': a status that names the qualifier as an open question does not say it."""


@lru_cache(maxsize=1024)
def _criterion_factor(unit: str, concept: str) -> float | None:
    """What a limit written in `unit` is multiplied by to give the concept's canonical unit (None: no conversion)."""
    c = vocabulary().concepts[concept]
    try:
        return conversion_factor(unit, c.unit, c.molar_mass, c.valence) if unit else 1.0
    except UnitError:
        return None


def _decimal(ratio: float) -> bool:
    """Whether a ratio of units is a power of ten (µL and L, g/L and g/dL): a value printed in one is printed as exactly
    in the other."""
    if ratio <= 0:
        return False
    e = math.log10(ratio)
    return abs(e - round(e)) < 1e-9


def printing_straddles(c: Concept, obs: Obs, unit: str, op: str, t: float) -> bool:
    """Whether `op t` (in the canonical unit; written in `unit`) holds at one end of the value's printed rounding and not
    at the other, where the record's unit and the criterion's are no power of ten apart (mass and substance, pounds and
    kilograms). A time is counted, not printed (84 days is 12 weeks)."""
    if obs.step is None or obs.comparator or not isinstance(obs.value, float) or c.unit in _DAYS_IN or is_close(obs.value, t):
        # (a value whose conversion lands on the limit, 176.80 µmol/L for 2 mg/dL, 1 mL/s for 60 mL/min, is at it: the
        # pairs of thresholds laboratories use are the same limit)
        return False
    g = _criterion_factor(unit, c.id)
    if g is None or _decimal(obs.factor / g):
        return False
    return _cmp(obs.value - obs.step, op, t) != _cmp(obs.value + obs.step, op, t)


_MAINTENANCE = re.compile(r"(?i)\bmaintenance\b")
_RECURRED = re.compile(r"(?i)(?<!\bno\s)(?<!\bnot\s)(?<!\bwithout\s)\b(?:recurr\w*|relaps(?:ed|e)\b(?![\s-]*free)|came\s+back|returned|"
                       r"new\s+primary)")
"""A status that says a cancer came back since it was found ('recurrence', 'relapsed 2025'), not 'no recurrence', 'relapse-free'."""
_READ_WITH_THE_RECORD = frozenset({"pregnancy_test", "prior_lines", "qtc"})
"""Concepts whose recorded value is read against the rest of the record (`Evaluator._value_with_the_record`)."""
_QTC_RIVALS = ("QTc (the record gives a plain QTc and a QTcF or QTcB that differ; which correction the criterion means "
               "is not said)")


def _cmp(v: float, op: str, t: float) -> bool:
    if op == ">=":
        return v > t or is_close(v, t)
    if op == "<=":
        return v < t or is_close(v, t)
    if op == ">":
        return v > t and not is_close(v, t)
    if op == "<":
        return v < t and not is_close(v, t)
    if op == "==":
        return is_close(v, t)
    return not is_close(v, t)


_CALENDAR = re.compile(r"(?i)\b(?:months?|mos?|years?|yrs?|y)\b")
_DAYS_IN = ir.DAYS_IN


@lru_cache(maxsize=256)
def _calendar_days(amount: float, unit: str) -> tuple[float, float]:
    """The fewest and most days `amount` calendar months or years can be (three months: 89 to 92; a year: 365 or 366)."""
    months = amount * (12 if unit == "year" else 1)
    if months != int(months) or months > 1200:
        return months * 365.25 / 12 - 1.5, months * 365.25 / 12 + 1.5
    n = int(months)
    lengths = [calendar.monthrange(2024 + k // 12, k % 12 + 1)[1] for k in range(48 + n)]
    sums = [sum(lengths[k : k + n]) for k in range(48)]
    return float(min(sums)), float(max(sums))


def _calendar_span(amount: float, written: str, canonical: str) -> tuple[float, float] | None:
    """The span, in the canonical unit, of a time written in calendar months or years; None if it is written otherwise."""
    m = _CALENDAR.search(written)
    if m is None or canonical not in _DAYS_IN:
        return None
    lo, hi = _calendar_days(amount, "year" if m.group().lower().startswith("y") else "month")
    return lo / _DAYS_IN[canonical], hi / _DAYS_IN[canonical]


def calendar_truth(v: float, raw: str, r: ir.Comparison) -> Tri:
    """`v op limit` for a time counted in calendar months or years on one side and weeks or days on the other: True or
    False when it holds or fails for every length the calendar side can have, else None."""
    t_span = _calendar_span(r.value, r.unit, r.canonical_unit) or (r.canonical_value, r.canonical_value)
    m = _RAW_TIME.match(raw)
    v_span = (_calendar_span(float(m.group("n")), m.group("u"), r.canonical_unit) if m else None) or (v, v)
    corners = [_cmp(x, r.op, y) for x in v_span for y in t_span]
    return True if all(corners) else False if not any(corners) else None


_RAW_TIME = re.compile(r"(?i)^\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<u>[a-z]+)\s*$")



_NOT_OF_MEN = frozenset({"pregnant", "lactating", "pregnancy_test"})
"""States no man is in, whatever the date of a value recorded of one."""


@lru_cache(maxsize=4096)
def _names_a_cancer(v: Vocabulary, words: str) -> bool:
    """(Once per qualifier: every screening asks it again of each event.)"""
    return any("malignancy" in v.terms[t].ancestors for _, _, t in v.find_terms(words) if t in v.terms)


def current_for(v: Vocabulary, rule: ir.Rule) -> float | None:
    """The days a value of the rule's concept says something of the screening day, for a rule on a measured value with
    no window of its own (vocabulary `current_for`); None for the others."""
    if not isinstance(rule, ir.MEASURED) or rule.assessed_within is not None:
        return None
    c = v.concepts.get(rule.concept)
    return None if c is None else c.current_for


def _censored_said(obs: Obs) -> str:
    """'ANC <0.5 x10^9/L is censored', or for two amounts of one day read as at least the lower: which is the later is
    not recorded."""
    if obs.raw.endswith(" (conflicting)"):
        return f"{obs.raw[: -len(' (conflicting)')]} ({'undated; ' if obs.date is None else ''}which is the later is not recorded)"
    return f"{obs.raw} is censored"

def _censored(comp: str, v: float, op: str, t: float) -> Tri:
    """Decide `x op t` for a lab value known only as `x comp v` ('<50'): True/False when every
    such x agrees, else None."""
    if comp in ("<", "<="):  # x below v
        strict = comp == "<"
        if op in (">=", ">", "=="):
            return False if (v < t or (v <= t and (strict or op == ">"))) or is_close(v, t) and (strict or op == ">") else None
        return True if (v < t or (is_close(v, t) and (strict or op == "<="))) else None
    if comp in (">", ">="):  # x above v
        strict = comp == ">"
        if op in ("<=", "<", "=="):
            return False if (v > t or (is_close(v, t) and (strict or op == "<"))) else None
        return True if (v > t or (is_close(v, t) and (strict or op == ">="))) else None
    return None


_TRANSPLANT_LIKE = re.compile(r"(?i)transplant|\b(?:a?HCT|a?SCT|ASCT|BMT|HSCT|PBSCT|HDT|autograft|allograft|CAR[\s-]?T)\b|stem[\s-]+cell|"
                              r"cell\s+(?:therapy|infusion)|\bautologous\b|\ballogeneic\b")


def _maybe_line_procedure(e: Event) -> bool:
    """A procedure the vocabulary names nothing of, whose name says it may be a transplant or a cell therapy ('auto-HCT',
    'HDT-ASCR', 'second ASCT'): a line of therapy perhaps (not 'cataract surgery', 'colonoscopy')."""
    return e.unnamed and _TRANSPLANT_LIKE.search(e.name) is not None


_PAIRED_WITHIN_DAYS = 7
"""How far apart two values a formula corrects one by the other (calcium by albumin) may be taken: a screening
visit's week. Undated values count as taken on the screening date."""


def _days_apart(a: Obs | None, b: Obs | None, as_of: date) -> int:
    """The most days that may lie between two values' dates (undated: the screening date)."""
    if a is None or b is None:
        return 0
    a_lo, a_hi = (a.date.earliest, a.date.latest) if a.date is not None else (as_of, as_of)
    b_lo, b_hi = (b.date.earliest, b.date.latest) if b.date is not None else (as_of, as_of)
    return max((a_hi - b_lo).days, (b_hi - a_lo).days, 0)


@lru_cache(maxsize=8192)
def _years(born: date, when: date) -> float:
    """Age on `when` of one born on `born`: completed months / 12 (17 years 11 months is 17.92, below 18; 8 months is
    0.67), with the days since the last month (29 days is past '28 days', 0.077 years; 18 years and 17 days is past 18,
    which '> 18' holds for, yet not in completed years). The days never reach the next month (30 / 365.25 < 1 / 12)."""
    months = (when.year - born.year) * 12 + (when.month - born.month) - (when.day < born.day)
    y, m = divmod(born.year * 12 + born.month - 1 + months, 12)  # (the last month's anniversary, as `_add` finds it)
    day = born.day if born.day <= 28 else min(born.day, calendar.monthrange(y, m + 1)[1])
    return months / 12 + (when - date(y, m + 1, day)).days / 365.25


def _age_span(lo: float, hi: float) -> str:
    """'17 or 18'; 'between 0 and 18' for a wider span."""
    return f"{format_number(lo)} or {format_number(hi)}" if hi - lo <= 1 else f"between {format_number(lo)} and {format_number(hi)}"


def _floor_age(age: float, *thresholds: float) -> float:
    """Age in completed years against whole-year limits: '≤ 17 years' includes 17 years 11 months; against
    limits in months, in completed months ('≤ 6 months' includes 6 months and 22 days). Each end of a range is floored by
    its own limit."""
    if all(float(t).is_integer() for t in thresholds):
        return float(math.floor(age + 1e-9))
    if all(abs(t * 12 - round(t * 12)) < 1e-9 for t in thresholds):
        # ('Maximum age: 6 Months', '6 months to …'): in completed months, as the registry means a limit in months
        return math.floor(age * 12 + 1e-9) / 12
    return age


def _add(d: date, amount: float, unit: str, sign: int = -1) -> date:
    """d ± amount units, with calendar months and years."""
    if unit in ("month", "year"):
        months = int(round(amount * (12 if unit == "year" else 1)))
        total = d.year * 12 + (d.month - 1) + sign * months
        y, m = divmod(total, 12)
        day = min(d.day, calendar.monthrange(y, m + 1)[1])
        return date(y, m + 1, day)
    days = amount * {"day": 1, "week": 7, "hour": 1 / 24}[unit]
    return d + sign * timedelta(days=math.ceil(days) if sign < 0 else days)


_MEASURING_METHODS: dict[str, re.Pattern[str]] = {m: re.compile(rx) for m, rx in _LEXICON["measuring_methods"].items()}
"""Ways of measuring an ejection fraction a criterion may name (`Comparison.method`), as a record's procedures name them."""


@lru_cache(maxsize=4096)
def _shown_by_specs(v: Vocabulary, wanted: tuple[str, ...]) -> tuple[str, ...]:
    """The `shown_by` entries of the wanted classes, once per set of classes."""
    return tuple(dict.fromkeys(f for c in wanted for f in v.shown_by_class.get(c, ())))


@lru_cache(maxsize=1024)
def _shown_by_limit(spec: str) -> tuple[str, str, str] | None:
    """A `shown_by` entry's concept, comparator and limit ('creatinine', '>', 'ULN'); None for a finding ('hbsag')."""
    m = SHOWN_BY_LIMIT.fullmatch(spec)
    return None if m is None else (m.group("concept"), m.group("op"), m.group("limit"))


@lru_cache(maxsize=256)
def _shown_by_rule(spec: str, unit: str) -> ir.Rule:
    """The rule of a `shown_by` limit ('creatinine > ULN', 'egfr < 60'), built once."""
    m = SHOWN_BY_LIMIT.fullmatch(spec)
    assert m is not None
    concept, op, bound = m.group("concept"), m.group("op"), m.group("limit")
    if bound in ("ULN", "LLN"):
        return ir.RelativeLimit(concept=concept, op=op, factor=1.0, reference=bound.lower())  # type: ignore[arg-type]
    return ir.Comparison(concept=concept, op=op, value=float(bound), canonical_value=float(bound), canonical_unit=unit)  # type: ignore[arg-type]


def _at_rounded_limit(c: Concept, r: ir.RelativeLimit, v: float, limit: float, ref: float) -> bool:
    """Whether a value is at 'reference + amount' within the rounding laboratories convert an analyte with (a rounded
    factor, `conventional_molar_mass`): an amount in the other unit is converted, and so may be the reference."""
    if not (r.offset and c.conventional_molar_mass and c.molar_mass):
        return False
    rel = abs(c.molar_mass - c.conventional_molar_mass) / c.conventional_molar_mass
    return abs(v - limit) <= (abs(r.offset) + abs(r.factor * ref)) * rel * 1.01 + abs(limit) * 1e-5


def _offset_text(offset: float, unit: str) -> str:
    """' − 2 g/dL' after a reference limit ('LLN − 2 g/dL'), '' for none."""
    return f" {'+' if offset > 0 else '−'} {format_number(abs(offset))}{_u(unit)}" if offset else ""


def _measuring(method: str) -> bool:
    """Whether a comparison's method names ways of measuring (one, or several joined by '|'), not a formula."""
    return bool(method) and all(m in _MEASURING_METHODS for m in method.split("|"))


_UNSEEN: Any = object()
"""What `Evaluator.known` gives for a concept not looked up yet (`Patient.latest` finds it, and remembers it there)."""


class Evaluator:
    """Evaluates rules for one patient at one screening date.

    `closed_world=True` takes the record's history lists as complete: what they do not
    mention is absent. `trial_conditions` are the trial's own diseases, which an
    'other malignancy' criterion does not count.
    """

    def __init__(
        self,
        patient: Patient,
        as_of: date,
        closed_world: bool = False,
        trial_conditions: tuple[str, ...] = (),
        vocab: Vocabulary | None = None,
    ) -> None:
        self.p = patient
        self.as_of = as_of
        # (a record with keys not read that may hold history is not complete, whatever the caller says: its 'medications'
        # may hold the bortezomib a criterion asks about)
        self.closed = closed_world and not patient.history_unread
        self.trial_conditions = frozenset(trial_conditions)
        self._own: int | None = None
        self.v = vocab or vocabulary()
        self._derived: dict[str, tuple[Obs | None, str, tuple[str, ...]]] = {}
        self._shown: dict[str, str] = {}  # (what each `shown_by` entry finds in the record, once per screening)
        self.known = patient.latest_known()  # (the patient's latest values found so far: `Patient.latest`'s cache)
        self.index: tuple[dict[str, list[Event]], frozenset[str]] | None = None  # (`Patient.event_index`, once asked)

    _DISPATCH: dict[str, str] = {kind: f"_{kind}" for kind in (
        "comparison", "range", "relative_limit", "normal_limits", "one_of", "finding", "category", "history",
        "all_of", "any_of", "at_least", "not", "except", "free_text", "no_requirement", "refractory", "cohort")}

    def evaluate(self, rule: ir.Rule, section: str = "inclusion") -> Outcome:
        """Evaluate one rule (one handler per IR kind, named after it)."""
        out: Outcome = getattr(self, self._DISPATCH[rule.kind])(rule, section)
        w = getattr(rule, "assessed_within", None)
        if w is not None and out.value is not None:
            return self._assessed(rule.concept, w, out)  # type: ignore[union-attr]
        if out.value is not None and (days := current_for(self.v, rule)) is not None and not (
                self.p.sex == "male" and rule.concept in _NOT_OF_MEN):  # type: ignore[union-attr]
            # ('Negative pregnancy test', 'Not pregnant or nursing', 'Life expectancy ≥ 12 weeks' with no window of their
            # own: a test of 2019, a 'pregnant: no' or an estimate of last year says nothing of now)
            return self._assessed(rule.concept, ir.Window(relation="within", amount=days, unit="day", reference="screening"),  # type: ignore[union-attr]
                                  out, own=False)
        return out

    def _assessed(self, concept: str, w: ir.Window, out: Outcome, own: bool = True) -> Outcome:
        """'ECOG 0 or 1 within 7 days of starting treatment': a value older than the window decides nothing (nor
        does one derived from an older value: a creatinine clearance from last year's creatinine)."""
        measured = self.latest(concept)
        dated = [o for o in ([measured] if measured is not None else [self.latest(c) for c in _DERIVED_FROM.get(concept, ())])
                 if o is not None and o.date is not None]
        if not dated:
            return out  # (an undated value counts as current)
        ref = self._reference_date(w.reference)
        lo = _add(ref, w.amount, w.unit)
        stand = ("" if w.reference in self.p.dates or w.reference == "screening"
                 else ", the screening date standing in" if ref == self.as_of else ", the earliest it can be")
        span = f"{format_number(w.amount)} {w.unit}{'s' if w.amount != 1 else ''} before {w.reference} ({ref.isoformat()}{stand})"
        outside = [o for o in dated if not (o.date.earliest >= lo and o.date.latest <= ref)]  # type: ignore[union-attr]
        if w.unit == "hour":
            # ('pregnancy test within 72 hours': days are recorded, times of day not; a test three days before is 48 to 96
            # hours before)
            outside = [o for o in dated if ((ref - o.date.earliest).days + 1) * 24.0 > w.amount  # type: ignore[union-attr]
                       or o.date.latest > ref]  # type: ignore[union-attr]
        if not outside and w.reference in _LATER_EVENTS and w.reference not in self.p.dates:
            # 'ECOG 0 or 1 within 3 days prior to first dose', no first dose on record: it comes some day from the
            # screening date on, and a value measured now is within the window only if it comes soon (counted from the
            # screening date, an ECOG of 1 two days ago passed, one of 2 failed: the value that counts is not taken yet)
            clears = _add(min(o.date.earliest for o in dated), w.amount, w.unit, sign=1)  # type: ignore[union-attr]
            return Outcome(None, f"{out.reason} (measured {', '.join(str(o.date) for o in dated)}): within {span} only if the "
                                 f"{w.reference.replace('_', ' ')} is on or before {clears.isoformat()}, and it is not recorded",
                           (f"{w.reference.replace('_', ' ')} date",), "missing_data")
        if not outside:
            if not own:
                return out  # (a value recent enough to say something of now: nothing to add)
            return Outcome(out.value, f"{out.reason} (measured {', '.join(str(o.date) for o in dated)}, within {span})",
                           out.missing, out.slug)
        d = outside[0].date
        assert d is not None
        why = "is older than" if d.latest < lo else "is after" if d.earliest > ref else "may fall outside"
        if not own:
            return Outcome(None, f"{out.reason}, but the value of {d} {why} the {span} it says something of (whether it still "
                                 "holds is not recorded)", (f"{self._concept(concept).name} measured within {span}",), "missing_data")
        return Outcome(None, f"{out.reason}, but the value of {d} {why} the {span} the criterion asks for",
                       (f"{self._concept(concept).name} measured within {span}",), "missing_data")

    def _reference_date(self, reference: str) -> date:
        """The date a window counts back from: the record's date of that event, else the screening date (or, for an
        event that comes after another one on record, that one's date: no first dose before the enrollment)."""
        ref_date = self.p.dates.get(reference.partition(":")[0])  # ('lab_test:hemoglobin': the record's lab_test day)
        if ref_date is not None:
            return ref_date.latest
        earlier = [d.latest for x in _COMES_AFTER.get(reference, ()) if (d := self.p.dates.get(x)) is not None]
        if earlier:
            # (no first dose before a recorded enrollment: that one's day, even before the screening date, the study
            # under way; counted from the screening date, a cisplatin 7 days before an enrollment of 2026-10-12 was
            # out of 'within 14 days before the first dose'. An event recorded after the reference bounds it from above:
            # no lower bound from it)
            return max(earlier)
        return self.as_of

    # -- values ------------------------------------------------------------------------
    def latest(self, concept: str) -> Obs | None:
        """The patient's latest value of a concept as of the screening date: a value dated after it (a later bundle
        screened for an earlier day) is not yet known then."""
        found = self.known.get(concept, _UNSEEN)
        if found is _UNSEEN:
            found = self.p.latest(concept)
        if found is None or found.date is None or found.date.earliest <= self.as_of:
            return found  # (the usual case: the patient's own cached answer)
        known = [o for o in self.p.values.get(concept, ()) if o.date is None or o.date.earliest <= self.as_of]
        return latest_of(known, concept)  # (the series is in order: the latest known then, by day and time)

    def value(self, concept: str) -> tuple[Obs | None, str, tuple[str, ...]]:
        """The patient's value of a concept: measured, else derived; with a note and the inputs missing."""
        obs = self.known.get(concept, _UNSEEN)
        if obs is _UNSEEN:
            obs = self.p.latest(concept)
        if obs is not None and obs.date is not None and obs.date.earliest > self.as_of:
            obs = self.latest(concept)  # (dated after the screening date: an earlier one, if any)
        if concept in _READ_WITH_THE_RECORD:
            special = self._value_with_the_record(concept, obs)
            if special is not None:
                return special
        elif obs is not None and obs.value == "negative" and self.v.concepts[concept].lasting:
            undone = self._lasting(concept, obs)
            if undone is not None:
                return undone, "", ()
        if obs is not None and (concept != "age" or self._age_as_recorded()):
            return obs, "", ()
        if concept not in self._derived:
            self._derived[concept] = self._derive(concept)
        return self._derived[concept]

    def _value_with_the_record(self, concept: str, obs: Obs | None) -> tuple[Obs | None, str, tuple[str, ...]] | None:
        """A value read against the rest of the record: a male patient's pregnancy test, a recorded line count beside the
        therapies' lines, a plain QTc beside a QTcF or QTcB; None where the record's own value stands."""
        if concept == "pregnancy_test" and self.p.sex == "male":
            if obs is None:
                # (a pregnancy test is asked of no man: none on record reads negative)
                return Obs(concept, "negative", "", "male"), "male patient: no pregnancy test asked of him", ()
            # (a man's hCG is a tumour marker as often as a pregnancy test: 'beta-hCG positive' failed 'Negative pregnancy
            # test'; a pregnancy test recorded of a patient recorded male, whose sex may be administrative, is not read
            # either way)
            return Obs(concept, "indeterminate", "", obs.raw), "a pregnancy test or hCG of a patient recorded male: not read", ()
        if obs is not None and concept == "prior_lines" and isinstance(obs.value, float) and obs.comparator in ("<", "<="):
            given, unsure = self._given_lines()
            lines = given | unsure  # (a line perhaps given may break the bound too)
            upper = obs.value - 1 if obs.comparator == "<" else obs.value
            later = obs.date is not None and any(
                e.category == "therapy" and e.present and e.start is not None and e.start.earliest > obs.date.latest
                and e.start.latest <= self.as_of for e in self.p.events)
            any_course = upper < 1 and any(
                e.category == "therapy" and e.present and not (e.doubtful and e.doubtful >= e.classes)
                and (e.classes - e.by_indication) & self._LINE_CLASSES and not (e.status and (_not_happened(e.status) or _planned(e.status)))
                for e in self.p.events)
            if (lines and max(len(lines), max(lines)) > upper) or later or any_course:
                # (a count 'below 3' beside four lines given, or dated before a therapy begun since: not a bound now)
                said = f"prior_lines (the record's bound, {obs.comparator}{format_number(obs.value)}, does not hold against its therapies)"
                return None, "", (said,)
        if obs is not None and concept == "prior_lines" and isinstance(obs.value, float) and not obs.comparator:
            lines, _ = self._given_lines()
            if lines and max(len(lines), max(lines)) > obs.value:
                # (a count of 3 beside a therapy recorded as line 4: the record says two things)
                said = f"prior_lines (the record's count, {format_number(obs.value)}, is below its therapies' line numbers, up to {max(lines)})"
                return None, "", (said,)
            if obs.date is not None and any(
                    e.category == "therapy" and e.present and e.start is not None and e.start.earliest > obs.date.latest
                    and e.start.latest <= self.as_of and not (e.status and (_not_happened(e.status) or _planned(e.status)))
                    for e in self.p.events):
                # (a count of 2025 and a therapy begun since: more lines now, perhaps)
                return replace(obs, comparator=">=", raw=f"at least {obs.raw or format_number(obs.value)}"), (
                    "a therapy begun after the count's date may be a later line"), ()
        if obs is not None and concept == "qtc" and self._qtc_rivals(obs):
            # (a plain QTc beside a QTcF or QTcB that differs: which correction the criterion means is not said, and the
            # record's plain one is perhaps Bazett's; read alone, a QTc of 470 ms passed 'QTc < 480 ms' beside a QTcF of 490)
            return None, "", (_QTC_RIVALS,)
        return None

    def _lasting(self, concept: str, obs: Obs) -> Obs | None:
        """A negative result of a finding that stays positive once positive, after a positive one: undecided (an HIV
        antibody positive in 2015, negative now does not go away; one of them is wrong, or of another test; read by the
        latest, the patient passed 'HIV positive')."""
        if not any(o.value == "positive" for o in self.p.values.get(concept, ())):
            return None  # (the usual case: no positive on record)
        earlier = [o for o in self.p.values.get(concept, ()) if o.value == "positive" and o is not obs
                   and (o.date is None or o.date.earliest <= self.as_of)]
        if not earlier:
            return None
        return Obs(concept, "indeterminate", "", f"{obs.raw} after {earlier[-1].raw or 'positive'}"
                   + (f" of {earlier[-1].date.text}" if earlier[-1].date else "") + " (a positive one stays positive)",
                   obs.date, key=obs.key)

    def _given_lines(self) -> tuple[set[int], set[int]]:
        """The line numbers of therapies given by the screening date, and of those whose giving is not said (a refusal
        with a reason, a partial start that may be after it); planned, never given, refused or later ones are neither.
        (Once per patient and screening date: a prepared Patient is screened against many trials.)"""
        cached = self.p.__dict__.get("_given_lines")
        if cached is not None and cached[0] == self.as_of:
            return cached[1], cached[2]
        given: set[int] = set()
        unsure: set[int] = set()
        for e in self.p.events:
            # (a procedure's line too, where it is a line's kind: 'allogeneic stem cell transplant', line 3, shows three
            # lines; a leukapheresis of line 4 for a CAR-T never infused does not)
            if e.category not in ("therapy", "procedure") or e.line is None or not e.present or (
                    e.category == "procedure" and not _maybe_line_procedure(e) and not (e.classes - e.by_indication) & self._LINE_CLASSES):
                continue
            if e.doubtful and e.doubtful >= e.classes:
                unsure.add(e.line)  # ('not infused; progressed': whether it was given is not said)
                continue
            if e.status and (_not_happened(e.status) or _planned(e.status) or _SAID_NOT_GIVEN.search(e.status)):
                continue
            if e.start is not None and e.start.earliest > self.as_of:
                continue
            if (e.doubtful and e.doubtful >= e.classes) or (e.start is not None and e.start.latest > self.as_of) or (
                    e.status and e.start is None and e.end is None and _refused_for(e.status)) or (
                    e.category == "procedure" and _maybe_line_procedure(e)):
                # ('auto-HCT', line 3: a transplant the vocabulary does not name may be a line's)
                unsure.add(e.line)
                continue
            given.add(e.line)
        self.p.__dict__["_given_lines"] = (self.as_of, given, unsure)
        return given, unsure

    def _unnumbered_course_after(self, last: int) -> str | None:
        """The name of a course (or a procedure) of a line's kind given by the screening date with no line number, begun
        after the last numbered line began (or undated): it may be a line of its own; None if there is none."""

        def given(e: Event) -> bool:
            return (e.category in ("therapy", "procedure") and e.present
                    and (bool((e.classes - e.by_indication) & self._LINE_CLASSES) or (e.category == "procedure" and _maybe_line_procedure(e)))
                    and not (e.doubtful and e.doubtful >= e.classes)
                    and not (e.status and (_not_happened(e.status) or _planned(e.status) or _SAID_NOT_GIVEN.search(e.status)))
                    and not ((e.start or e.end) is not None and (e.start or e.end).earliest > self.as_of))  # type: ignore[union-attr]

        # (the day the last line began: its earliest course given; a dexamethasone added to it later, a course planned in
        # it, is no later start of the line)
        began = [(e.start or e.end).earliest for e in self.p.events  # type: ignore[union-attr]
                 if e.line == last and (e.start or e.end) is not None and given(e)]
        since = min(began) if began else None
        for e in self.p.events:
            if e.line is not None or not given(e):
                continue
            first = e.start or e.end
            if first is None or since is None or first.latest > since:
                return e.name
        return None

    def _qtc_rivals(self, obs: Obs) -> list[Obs]:
        """A record's QTcF and QTcB that differ from its plain QTc `obs` (not one measured before it, on record)."""
        return [o for o in (self.latest("qtcf"), self.latest("qtcb")) if o is not None and (o.value, o.unit) != (obs.value, obs.unit)
                and not (o.date is not None and obs.date is not None and o.date.latest < obs.date.earliest)]

    def _q(self, concept: str) -> float | None:
        """A value to work a formula with: not a censored one ('<8.0 mg/dL' of calcium is no 8.0)."""
        o = self.latest(concept)
        return o.value if o is not None and o.convertible and isinstance(o.value, float) and not o.comparator else None

    def _age_as_recorded(self) -> bool:
        """Whether the record's age is the age on the screening date as written: given undated (or dated that day), and
        no birth date to compute it from. An age recorded on an earlier day ('17 years' at a visit 18 months ago) is
        that day's: today's is counted on from it; a birth date gives the age on any day."""
        o = self.latest("age")
        return (o is not None and isinstance(o.value, float) and self.p.birth_date is None and not o.comparator
                and (o.date is None or (o.date.earliest == o.date.latest == self.as_of)))

    def _age(self, when: date | None = None) -> tuple[float, float] | None:
        """The patient's age (youngest, oldest reading) on `when`, the screening date by default: from the birth date,
        else from the recorded age; with both on record, the ages both allow, and where they allow none together, all
        that either allows (an age of 40 and a birth date of 2010 decide nothing)."""
        when = when or self.as_of
        o = self.latest("age")
        b = self.p.birth_date
        recorded = self._recorded_age(o, when) if o is not None and isinstance(o.value, float) else None
        if b is None:
            return recorded
        if b.earliest > when:
            raise PatientDataError("birth_date", str(b), f"a date on or before {when.isoformat()}")
        # (a birth month that is the screening month: born on or before the screening day, whatever the month allows)
        by_birth = _years(min(b.latest, when), when), _years(b.earliest, when)
        if recorded is None or o is None:
            return by_birth
        # (both hold: the births both allow; none together, the record says two things: every age either allows)
        earliest, latest = self._recorded_births(o)
        if recorded[0] == recorded[1]:
            recorded = _years(min(latest, when), when), _years(min(earliest, when), when)  # (as written: completed years)
        earliest, latest = max(earliest, b.earliest), min(latest, b.latest)
        if earliest <= latest:
            return _years(min(latest, when), when), _years(earliest, when)
        return min(recorded[0], by_birth[0]), max(recorded[1], by_birth[1])

    def _recorded_age(self, o: Obs, when: date) -> tuple[float, float]:
        """The age on `when` from a recorded one: as written on its own day (undated: the screening date); on another
        day, counted on the calendar from the births it allows ('17' on 2025-06-01: born 2007-06-02 to 2008-06-01).
        A censored age ('<18', '>89') allows every age on its side."""
        v = float(o.value)  # type: ignore[arg-type]
        day = o.date
        if not o.comparator and (day.earliest == day.latest == when if day is not None else when == self.as_of):
            return v, v
        born_earliest, born_latest = self._recorded_births(o)
        return _years(min(born_latest, when), when), _years(min(born_earliest, when), when)

    def _recorded_births(self, o: Obs) -> tuple[date, date]:
        """The birth days a recorded age allows (earliest, latest): '17' on 2025-06-01, born 2007-06-02 to 2008-06-01
        (a fraction, '17.9', may be rounded: read in completed years too); '<18' and '>89', every age on their side,
        to the month ('<17.25': under 207 months)."""
        v = float(o.value)  # type: ignore[arg-type]
        day = o.date
        d_lo, d_hi = (day.earliest, day.latest) if day is not None else (self.as_of, self.as_of)
        whole = v.is_integer()
        youngest = math.floor(v + 1e-9) * 12  # (in months)
        oldest = youngest + 11
        if o.comparator == "<":
            youngest, oldest = 0, math.ceil(v * 12 - 1e-9) - 1
        elif o.comparator == "<=":
            youngest, oldest = 0, (int(v) * 12 + 11 if whole else math.floor(v * 12 + 1e-9))
        elif o.comparator in (">", ">="):
            youngest, oldest = math.floor(v * 12 + 1e-9), 150 * 12
        return _add(d_lo, oldest + 1, "month") + timedelta(days=1), _add(d_hi, youngest, "month")

    def _age_source(self) -> str:
        """What an undecided age was counted from: 'partial birth date 2008', 'age 17 recorded on 2025-06-01'."""
        o = self.latest("age")
        b = self.p.birth_date
        recorded = None
        if o is not None and isinstance(o.value, float):
            recorded = f"age {o.comparator}{format_number(o.value)}" + (f" recorded on {o.date}" if o.date is not None else "")
        if b is not None:
            return f"{recorded} and birth date {b} on record" if recorded else f"partial birth date {b}"
        return recorded or "age"

    def _age_at_event(self, r: ir.Comparison) -> Outcome | None:
        """'Age ≥ 18 years at the time of signing informed consent': the age on that day, from the record's date of it;
        without one, decided only where the age 90 days either side of screening gives the same answer."""
        event = r.method[3:]
        when = self.p.dates.get(event)
        if when is not None:
            days = [when.earliest, when.latest]
        elif event == "screening":
            days = [self.as_of]
        else:  # (consent comes before screening, enrollment and the first dose after it)
            days = [self.as_of - timedelta(days=90), self.as_of] if event == "consent" else [self.as_of, self.as_of + timedelta(days=90)]
        ages = [a for d in days for a in (self._age(d) or ())]
        if not ages:
            return None
        if self._age_as_recorded() and float(max(ages)).is_integer():
            ages.append(max(ages) + 0.999)  # (an age as written is in completed years: 18 is 18 to 18.99)
        results = {_cmp(_floor_age(a, r.canonical_value), r.op, r.canonical_value) for a in (min(ages), max(ages))}
        if r.op in (">", "<"):
            # ('> 18 years' at 18 years 6 months: older than 18, yet '18 years old'; as for the age today)
            results |= {_cmp(a, r.op, r.canonical_value) for a in (min(ages), max(ages))}
        if len(results) > 1:
            on = f"on {when}" if when is not None else f"at {event} (its date not recorded; within 90 days of screening)"
            return Outcome(None, f"age {on} is {format_number(min(ages))}–{format_number(max(ages))} years: "
                                 f"{_SYMBOL[r.op]} {format_number(r.canonical_value)} undecided", (f"{event} date",), "missing_data")
        ok = results.pop()
        return Outcome(ok, f"age at {event} {format_number(min(ages))}"
                           f"{'' if min(ages) == max(ages) else '–' + format_number(max(ages))} years "
                           f"{_SYMBOL[r.op] if ok else _NEGATE[r.op]} {format_number(r.canonical_value)} years")

    def _derive(self, concept: str, estimate: bool = False) -> tuple[Obs | None, str, tuple[str, ...]]:
        """A value worked out from others; `estimate`: by the formula, though a clearance measured from urine is recorded
        (a criterion that names the formula asks for the estimate)."""
        sex = self.p.sex
        if concept == "age":
            a = self._age()
            if a is None:
                return None, "", ("age or birth_date",)
            source = (f"birth date {self.p.birth_date}" if self.p.birth_date is not None and self.latest("age") is None
                      else self._age_source())
            if a[0] != a[1]:
                return Obs("age", a[0], "year", f"{format_number(a[0])}–{format_number(a[1])} years"), f"age from {source}", ()
            return Obs("age", a[0], "year", ""), f"age from {source}", ()
        if concept == "bmi":
            w, h = self._q("weight"), self._q("height")
            miss = tuple(n for n, x in (("weight", w), ("height", h)) if x is None)
            if miss:
                return None, "", miss
            assert w is not None and h is not None
            bmi = w / (h / 100) ** 2
            return Obs("bmi", bmi, "kg/m^2", f"{bmi:.1f} kg/m²"), "BMI = weight / height²", ()
        if concept == "creatinine_clearance" and not estimate and (measured := self.latest("measured_creatinine_clearance")) is not None:
            # a clearance measured from a timed urine collection is the clearance, before any estimate
            return measured, "measured creatinine clearance", ()
        if concept in ("creatinine_clearance", "egfr"):
            scr, age = self._q("creatinine"), self._age()
            if scr is not None and scr <= 0:
                scr = None  # (a creatinine of 0 is no value to work a formula with: it divided by zero)
            miss = [n for n, x in (("creatinine", scr), ("age or birth_date", age)) if x is None]
            if sex not in ("female", "male"):
                miss.append("sex")
            if concept == "creatinine_clearance":
                w = self._q("weight")
                if w is None:
                    miss.append("weight")
            if miss:
                return None, "", tuple(miss)
            assert scr is not None and age is not None
            if min(age) < 18:
                # (Cockcroft-Gault and CKD-EPI are adults' formulas: a child's clearance is measured or estimated otherwise)
                return None, "", (f"{concept.replace('_', ' ')} measured (the formula is for adults)",)
            # (the age in completed years, as the formulas are worked with the age in years: an age recorded as 76 and a
            # birth date 76 years and 11 months before give the same clearance; worked with 76.92, the birth date turned
            # a clearance met at 76 into one failed)
            years = math.floor(age[0] + 1e-9)
            if years != math.floor(age[1] + 1e-9):
                return None, "", ("exact birth_date",)
            if concept == "creatinine_clearance":
                crcl = (140 - years) * w / (72 * scr) * (0.85 if sex == "female" else 1.0)  # type: ignore[operator]
                return (Obs("creatinine_clearance", crcl, "mL/min", f"{crcl:.1f} mL/min"),
                        "Cockcroft-Gault: (140 − age) × weight / (72 × creatinine)" + (" × 0.85" if sex == "female" else ""), ())
            k, a = (0.7, -0.241) if sex == "female" else (0.9, -0.302)
            egfr = 142 * min(scr / k, 1) ** a * max(scr / k, 1) ** -1.200 * 0.9938 ** years * (1.012 if sex == "female" else 1)
            return Obs("egfr", egfr, "mL/min/1.73m2", f"{egfr:.1f} mL/min/1.73 m²"), "CKD-EPI 2021 (race-free)", ()
        if concept == "qtc":
            # a QTc with its correction unnamed: the record's QTcF or QTcB is one (with both, and different, which one the
            # criterion means is not said)
            got = [o for o in (self.latest("qtcf"), self.latest("qtcb")) if o is not None]
            if len(got) == 1 or (len(got) == 2 and got[0].value == got[1].value and got[0].unit == got[1].unit):
                return got[0], f"{self._concept(got[0].concept).name} used as the QTc", ()
            if got:
                return None, "", ("QTc (the record gives QTcF and QTcB; which correction the criterion means is not said)",)
            return None, "", ("QTc",)
        if concept == "corrected_calcium":
            ca, alb = self._q("calcium"), self._q("albumin")
            miss = tuple(n for n, x in (("calcium", ca), ("albumin", alb)) if x is None)
            if miss:
                return None, "", miss
            assert ca is not None and alb is not None
            apart = _days_apart(self.latest("calcium"), self.latest("albumin"), self.as_of)
            if apart > _PAIRED_WITHIN_DAYS:
                # a calcium of 2026-10-30 and an albumin of 2024-01-01: no corrected calcium was ever that (worked from
                # them, 12 mg/dL with an albumin of 4.8 g/dL passed '≤ 11.5' corrected)
                return None, "", (f"calcium and albumin of one time (the latest are {apart} days apart)",)
            cc = ca + 0.8 * (4.0 - alb)
            # (calcium written in mmol/L: the result at the rounded factor too, as for calcium itself)
            ca_obs = self.latest("calcium")
            cc_c = None if ca_obs is None or ca_obs.conventional is None else ca_obs.conventional + 0.8 * (4.0 - alb)
            return (Obs("corrected_calcium", cc, "mg/dL", f"{cc:.2f} mg/dL", conventional=cc_c),
                    "Payne: Ca + 0.8 × (4.0 − albumin)", ())
        if concept == "evaluable_disease":
            m = self.latest("measurable_disease")
            if m is not None and m.value == "positive":
                return Obs(concept, "positive", "", "measurable disease"), "measurable disease is evaluable", ()
            return None, "", ("evaluable disease",)
        if concept == "prior_lines":
            lines, unsure = self._given_lines()
            if unsure and (not lines or max(unsure) > max(lines)):
                # (a line planned, refused or begun after the screening date may not have been given: 'teclistamab, line
                # 4, planned' is no fourth line; counted, it failed 'no more than 3 prior lines')
                return None, "", (f"prior_lines (whether line {max(unsure)} was given is not said)",)
            if lines:
                # (a therapy recorded as line 3 shows three lines, whether or not lines 1 and 2 are in the record)
                n = float(max(len(lines), max(lines)))
                if not self.closed:
                    # a record not taken as complete may leave later lines out: the count is a least count (read as the
                    # count, one listed line failed 'at least 2 prior regimens')
                    return (Obs("prior_lines", n, "1", f"at least {n:g}", comparator=">="),
                            "prior lines counted from the therapies' line numbers; later lines may be missing", ())
                if (later := self._unnumbered_course_after(max(lines))) is not None:
                    # (lines 1 and 2 numbered, pomalidomide of 2024 with no line after them: perhaps a third line; counted
                    # as two, 'at least 3 prior lines' failed)
                    said = (f"prior lines counted from the therapies' line numbers; {later}, with no line number, began "
                            f"after line {n:g} began and may be another")
                    return Obs("prior_lines", n, "1", f"at least {n:g}", comparator=">="), said, ()
                return Obs("prior_lines", n, "1", f"{n:g}"), "prior lines counted from the therapies' line numbers", ()
            return None, "", ("prior_lines",)
        if concept in ("pregnant", "lactating") and sex == "male":
            return Obs(concept, "negative", "", "male"), "male patient", ()
        c = self.v.concepts.get(concept)
        return None, "", (c.name if c else concept,)

    def _concept(self, cid: str) -> Concept:
        return self.v.concepts[cid]

    def _missing(self, cid: str, miss: tuple[str, ...]) -> Outcome:
        name = self._concept(cid).name
        if miss and miss != (name,):
            if miss == (_QTC_RIVALS,):
                return Outcome(None, "QTc: the record gives a plain QTc and a QTcF or QTcB that differ, on either side of the "
                                     "limit; which correction the criterion means is not said", miss, "ambiguous")
            return Outcome(None, f"{name} not recorded (needs {', '.join(miss)} to derive it)", miss, "missing_data")
        return Outcome(None, f"{name} not recorded", (name,), "missing_data")

    def _derive_by(self, cid: str, method: str) -> tuple[Obs | None, str, tuple[str, ...]]:
        """A derived value by the formula the criterion names (a measured value still wins)."""
        if _measuring(method):
            return self.value(cid)  # (a way of measuring, not a formula: checked by `_measured`)
        measured = self.latest(cid)
        if measured is not None:
            return measured, "measured value used", ()
        if method == "corrected_calcium_0025":
            ca, alb = self._q("calcium"), self._q("albumin")
            miss = tuple(n for n, x in (("calcium", ca), ("albumin", alb)) if x is None)
            if miss:
                return None, "", miss
            assert ca is not None and alb is not None
            mmol = ca / 4.0078 - 0.025 * (alb * 10) + 1.0  # Ca mg/dL → mmol/L; albumin g/dL → g/L
            # (the laboratory's: calcium in mmol/L as written, or converted at its rounded factor, 0.25 mmol/L per mg/dL;
            # the result expressed at that factor too)
            ca_obs = self.latest("calcium")
            ca_lab = ca_obs.conventional / 4.0 if ca_obs is not None and ca_obs.conventional is not None else ca / 4.0
            mmol_lab = ca_lab - 0.025 * (alb * 10) + 1.0
            return (Obs(cid, mmol * 4.0078, "mg/dL", f"{mmol:.2f} mmol/L", conventional=mmol_lab * 4.0),
                    "trial's formula: Ca[mmol/L] − 0.025 × albumin[g/L] + 1.0", ())
        if method == "cockcroft_gault" and cid == "creatinine_clearance" and self.latest("measured_creatinine_clearance") is not None:
            # ('Calculated creatinine clearance (Cockcroft-Gault) ≥ 60 mL/min', a urine clearance of 70 on record and an
            # estimate of 37.5: the estimate is asked; read by the measured one, the patient passed)
            return self._derive(cid, estimate=True)
        if method in ("cockcroft_gault", "ckd_epi_2021", "measured_or_calculated") or method == "":
            return self.value(cid)
        return None, "", (f"{self._concept(cid).name} (the {method.upper()} formula is not implemented: give the value)",)

    def _measured(self, cid: str, method: str = "") -> tuple[Concept, float, Obs, str] | Outcome:
        """The concept, the patient's number for it, the observation and a note; or the Outcome saying why not."""
        v, obs, note, bad = self._number(cid, method)
        if bad is not None:
            return bad
        if _measuring(method):
            other = self._other_method(method)
            if other is not None:
                c = self._concept(cid)
                asked = " or ".join(m.replace("_", " ") for m in method.split("|"))
                return Outcome(None, f"{c.name} {other}; the criterion asks for it by {asked}",
                               (f"{c.name} by {asked}",), "missing_data")
        assert v is not None and obs is not None
        return self._concept(cid), v, obs, note

    def _own_candidates(self) -> int:
        """How many different diseases of the record fit the trial's own ('colon cancer' and 'prostate cancer' in an
        'advanced solid tumor' trial): with more than one, which is the trial's and which an other malignancy is not said."""
        if self._own is None:
            self._own = len({e.term.id if e.term else e.name for e in self.p.events
                             if e.category == "condition" and e.present and e.classes & self.trial_conditions})
        return self._own

    def _other_method(self, method: str) -> str | None:
        """Why a value may come from another way of measuring than those asked ('echocardiography', or several joined
        by '|'): the record's procedures name another one ('MUGA scan' against 'by echocardiogram'), alone or with an
        asked one. None when they name only asked ones, or none."""
        asked = set(method.split("|"))
        seen = self.p.__dict__.get("_methods_seen")
        if seen is None:  # (once per patient: a prepared Patient screened against many trials asks again and again)
            seen = self.p.__dict__["_methods_seen"] = frozenset(
                m for e in self.p.events if e.category == "procedure" and e.present
                for m, rx in _MEASURING_METHODS.items() if rx.search(e.name))
        if seen <= asked:
            return None
        if seen & asked:
            return "measured by several methods on record (which one gave the value is not said)"
        return f"measured by {', '.join(sorted(m.replace('_', ' ') for m in seen))} on record"

    def _number(self, cid: str, method: str = "") -> tuple[float | None, Obs | None, str, Outcome | None]:
        obs, note, miss = self._derive_by(cid, method) if method else self.value(cid)
        if obs is None:
            return None, None, note, self._missing(cid, miss)
        if not obs.convertible:
            c = self._concept(cid)
            if obs.raw.endswith(" (conflicting)"):
                # (two of one day against different reference ranges, or in units read apart: which is the later is
                # not recorded)
                return None, obs, note, Outcome(None, f"{c.name} {_censored_said(obs)}", (f"{c.name} (the latest value)",),
                                                "missing_data")
            return None, obs, note, Outcome(None, f"{c.name} {obs.raw} cannot be compared with a threshold in {c.unit}: "
                                            "no defined conversion", (), "unit_mismatch")
        if not isinstance(obs.value, float):
            return None, obs, note, Outcome(None, f"{self._concept(cid).name} is {obs.value!r}, not a number", (), "unit_mismatch")
        return obs.value, obs, note, None

    def _show(self, obs: Obs, value: float, unit: str) -> str:
        shown = f"{format_number(round(value, 4))}{_u(unit)}"
        if obs.raw and obs.raw.replace(" ", "") != shown.replace(" ", "") and obs.key:
            return f"{obs.raw} (= {shown})"
        return shown

    # -- leaf handlers -------------------------------------------------------------------
    def _comparison(self, r: ir.Comparison, section: str) -> Outcome:
        c = self._concept(r.concept)
        if r.concept == "age" and r.method.startswith("at:"):
            at = self._age_at_event(r)
            return at if at is not None else self._missing("age", ("age or birth_date",))
        if r.concept == "age":
            a = self._age() if not self._age_as_recorded() else None
            if a is None and self._age_as_recorded() and not float(r.canonical_value).is_integer():
                # ('17' against '≥ 17.5': an age as written is in completed years, 17 to 17.99)
                v0 = float(self.latest("age").value)  # type: ignore[union-attr,arg-type]
                a = (v0, v0 + 0.999) if v0.is_integer() else None
            if a is not None and a[0] != a[1]:
                exact = {_cmp(x, r.op, r.canonical_value) for x in a} if r.op in (">", "<") else set()
                a = (_floor_age(a[0], r.canonical_value), _floor_age(a[1], r.canonical_value))
                lo, hi = _cmp(a[0], r.op, r.canonical_value), _cmp(a[1], r.op, r.canonical_value)
                if lo != hi or len(exact | {lo}) > 1:
                    # (a partial birth date of 2008 against '> 18 years': 17 or 18 in completed years, and 18.8 exactly)
                    return Outcome(None, f"age is {_age_span(a[0], a[1])} ({self._age_source()}); "
                                         f"{_SYMBOL[r.op]} {format_number(r.canonical_value)} years undecided",
                                   ("exact birth_date",), "missing_data")
        got = self._measured(r.concept, r.method)
        if isinstance(got, Outcome) and r.concept == "qtc" and (plain := self.latest("qtc")) is not None and (
                rivals := self._qtc_rivals(plain)):
            # a plain QTc beside a QTcF or QTcB that differs: decided where every one of them agrees
            seen = [plain, *rivals]
            if all(isinstance(o.value, float) and not o.comparator and o.convertible for o in seen):
                verdicts = {_cmp(o.value, r.op, r.canonical_value) for o in seen}  # type: ignore[arg-type]
                if len(verdicts) == 1:
                    ok = verdicts.pop()
                    sym = _SYMBOL[r.op] if ok else _NEGATE[r.op]
                    shown = ", ".join(f"{self._concept(o.concept).name} {format_number(o.value)} ms" for o in seen)  # type: ignore[arg-type]
                    return Outcome(ok, f"{shown}: each {sym} {format_number(r.canonical_value)} ms (which correction the "
                                       "criterion means is not said; all agree)")
        if isinstance(got, Outcome):
            return got
        _, v, obs, note = got
        threshold = f"{format_number(r.canonical_value)}{_u(r.canonical_unit)}"
        if (r.method == "cockcroft_gault" and r.concept == "creatinine_clearance" and note == "measured value used"
                and isinstance(obs.value, float)):
            # ('Creatinine clearance ≥ 60 mL/min (calculated according to the Cockcroft-Gault formula)': a recorded
            # clearance, way not said, and the estimate from the record's own creatinine, weight, age and sex on either
            # side of the limit: which the criterion's is, is not said (read by the recorded one, 75 mL/min passed where
            # the estimate was 44; audit 104 F4)
            est, _note, _miss = self._derive(r.concept, estimate=True)
            on_record = (_censored(obs.comparator, v, r.op, r.canonical_value) if obs.comparator
                         else _cmp(v, r.op, r.canonical_value))  # ('>60 mL/min' as labs report it, review 105 R4)
            if (est is not None and isinstance(est.value, float) and est.convertible and on_record is not None
                    and _cmp(est.value, r.op, r.canonical_value) != on_record):
                return Outcome(None, f"{c.name} {self._show(obs, v, r.canonical_unit)} on record (how it was worked out is "
                                     f"not said), but the Cockcroft-Gault estimate from the record's own values is "
                                     f"{format_number(round(est.value, 1))}{_u(r.canonical_unit)}: {_SYMBOL[r.op]} {threshold} "
                                     "for one and not the other", (f"{c.name} by the Cockcroft-Gault formula",), "ambiguous")
        if r.concept == "age":
            floored = _floor_age(v, r.canonical_value)
            if r.op in (">", "<") and floored != v and _cmp(floored, r.op, r.canonical_value) != _cmp(v, r.op, r.canonical_value):
                # '> 18 years' at 18 years 6 months: older than 18, yet '18 years old'
                return Outcome(None, f"age {format_number(round(v, 2))} years: {_SYMBOL[r.op]} {threshold} holds for the exact "
                                     "age but not for completed years", (), "ambiguous")
            if r.op == ">" and v == r.canonical_value and self._age_as_recorded() and not obs.comparator:
                # 'Age over 20 years' against an age recorded as 20: in completed years, 20 to 20.99, older than 20
                # unless it is the birthday, yet '20 years old' (as for a birth date, not decided)
                return Outcome(None, f"age {format_number(v)} years (as recorded, in completed years): {_SYMBOL[r.op]} {threshold} "
                                     "holds for an exact age past the birthday but not for completed years",
                               ("exact birth_date",), "ambiguous")
            v = floored
        if obs.comparator:
            c_ok = _censored(obs.comparator, v, r.op, r.canonical_value)
            if c_ok is None:
                return Outcome(None, f"{c.name} {_censored_said(obs)}: cannot tell whether it is {_SYMBOL[r.op]} {threshold}",
                               (f"{c.name} (exact value)",), "missing_data")
            return Outcome(c_ok, f"{c.name} {obs.raw} {_SYMBOL[r.op] if c_ok else _NEGATE[r.op]} {threshold}")
        ok = _cmp(v, r.op, r.canonical_value)
        if (r.concept != "age" and r.canonical_unit in _DAYS_IN
                and bool(_CALENDAR.search(r.unit)) != bool(_CALENDAR.search(obs.raw))):  # (one side calendar, one not)
            # 'Life expectancy ≥ 3 months' and 13 weeks: three calendar months are 89 to 92 days, 13 weeks 91 (a year is
            # 365 or 366 days: 52 weeks are short of any)
            verdict = calendar_truth(v, obs.raw, r)
            if verdict is None:
                return Outcome(None, f"{c.name} {self._show(obs, v, r.canonical_unit)} against {_SYMBOL[r.op]} "
                                     f"{format_number(r.value)} {r.unit}: a calendar month or year is not a fixed number "
                                     "of days, and the difference is within it", (f"{c.name} in {r.unit}",), "ambiguous")
            ok = verdict
        conventional = self._conventionally(c, obs, r)
        at_limit = False
        if conventional is not None:
            v_c, t_c = conventional
            at_limit = is_close(v_c, t_c)
            if is_close(v_c, t_c) and is_close(v, r.canonical_value):
                pass  # (at the limit both ways)
            elif is_close(v_c, t_c):
                # 34.2 µmol/L of bilirubin against '< 2 mg/dL': 2.0 mg/dL at the 17.1 laboratories convert with (1.9998 by
                # the molar mass): at the limit
                ok = r.op in ("<=", ">=", "==")
                note = (note + "; " if note else "") + "at the limit at the conventional conversion factor"
            elif _cmp(v_c, r.op, t_c) != ok:
                # 2.87 mmol/L of calcium against '≤ 11.5 mg/dL': 11.503 mg/dL at the molar mass, 11.48 at the 0.25 laboratories
                # convert with; the two conversions disagree (read at the molar mass, 2.87 failed where 2.875, at the limit
                # by the rounded factor, passed)
                return Outcome(None, f"{c.name} {self._show(obs, v, r.canonical_unit)}: {_SYMBOL[r.op] if ok else _NEGATE[r.op]} "
                                     f"{threshold} at the molar mass, {_SYMBOL[r.op] if not ok else _NEGATE[r.op]} at the "
                                     f"conversion factor laboratories use: within the rounding of the {c.name} conversion",
                               (f"{c.name} in the unit of the criterion",), "ambiguous")
        if not at_limit and v == obs.value and printing_straddles(c, obs, r.unit, r.op, r.canonical_value):
            # 177 µmol/L of creatinine against '≤ 2.0 mg/dL' (176.8 µmol/L): as printed, 176.5 to 177.5, on both sides
            # (read exactly, 2.002 mg/dL failed, where 176 passed and the 2.0 mg/dL a laboratory converts it to would too)
            return Outcome(None, f"{c.name} {self._show(obs, v, r.canonical_unit)}: {_SYMBOL[r.op]} {threshold} within the "
                                 "rounding of the value as written (its last digit, in another unit)", (f"{c.name} in {r.unit or c.unit}",), "ambiguous")
        written = f"{format_number(r.value)} {r.unit}".strip()
        if r.unit and _same_unit(r.unit, r.canonical_unit) is False and written.replace(" ", "") != threshold.replace(" ", ""):
            threshold += f" ({written})"
        sym = _SYMBOL[r.op] if ok else _NEGATE[r.op]
        reason = f"{c.name} {self._show(obs, v, r.canonical_unit)} {sym} {threshold}"
        if note:
            reason += f" [{note}]"
        if r.method == "measured_or_calculated" and not ok and self.latest(r.concept) is None:
            # 'Measured or calculated creatinine clearance ≥ 40 mL/min': a calculated value below the limit leaves a
            # measured one (a 24-hour urine collection) that may meet it
            return Outcome(None, f"{reason}; a measured {c.name}, which the criterion accepts too, may meet it",
                           (f"{c.name} (measured)",), "missing_data")
        return Outcome(ok, reason)

    def _conventionally(self, c: Concept, obs: Obs, r: ir.Comparison) -> tuple[float, float] | None:
        """The value and the limit when the side written in the other of mass and substance units is converted at the
        analyte's conventional factor (`Concept.conventional_molar_mass`) rather than its molar mass; None when both
        sides are written on the same side (they convert exactly) or the analyte has no such factor."""
        cm = c.conventional_molar_mass
        if not cm or not c.molar_mass or obs.comparator:
            return None
        t_alt = None
        if r.unit:
            try:
                f_m = conversion_factor(r.unit, c.unit, c.molar_mass, c.valence)
                f_c = conversion_factor(r.unit, c.unit, cm, c.valence)
            except UnitError:  # (the molar-mass conversion worked, so this one does too: kept as a boundary)
                return None
            t_alt = None if math.isclose(f_m, f_c, rel_tol=1e-9) else r.value * f_c
        if obs.conventional is not None and t_alt is None:
            return obs.conventional, r.canonical_value
        if t_alt is not None and obs.conventional is None:
            return float(obs.value), t_alt  # type: ignore[arg-type]
        if t_alt is not None and obs.conventional is not None:
            # (both written on the other side: a recorded value converts as its limit does, the same verdict; a derived
            # one, corrected calcium worked out in mmol/L, is the laboratory's at the rounded factor)
            return obs.conventional, t_alt
        return None

    def _range(self, r: ir.Range, section: str) -> Outcome:
        got = self._measured(r.concept)
        if isinstance(got, Outcome):
            return got
        c, v, obs, note = got
        if r.concept == "age":
            a = self._age() if not self._age_as_recorded() else (v, v)
            if a is not None:
                # each end in its own terms: a whole-year end in completed years, one in months on the exact age ('6 months
                # to 49 years' holds at 49 years 6 months; floored only where both ends were whole, 49.5 fell outside)
                los = [_floor_age(x, r.canonical_low) for x in a]
                his = [_floor_age(x, r.canonical_high) for x in a]
                # (below, within or above, at each end: an age of 1 to 76 is each, against 18-75)
                sides = {0 if not _cmp(lo, ">=" if r.low_inclusive else ">", r.canonical_low)
                         else 2 if not _cmp(hi, "<=" if r.high_inclusive else "<", r.canonical_high) else 1 for lo, hi in zip(los, his)}
                if len(sides) > 1:
                    ends = [_floor_age(x, r.canonical_low, r.canonical_high) for x in a]
                    return Outcome(None, f"age is {_age_span(ends[0], ends[1])} ({self._age_source()}); "
                                         "range undecided", ("exact birth_date",), "missing_data")
                side = sides.pop()
                v = los[0] if side == 0 else his[0]
                if side == 1 and not (r.canonical_low <= v <= r.canonical_high):
                    v = los[0]  # (within: shown by the age that is within both ends, whichever end floored it)
        if obs.comparator:
            lo_t = _censored(obs.comparator, v, ">=" if r.low_inclusive else ">", r.canonical_low)
            hi_t = _censored(obs.comparator, v, "<=" if r.high_inclusive else "<", r.canonical_high)
            both = and3(lo_t, hi_t)
            if both is None:
                return Outcome(None, f"{c.name} {_censored_said(obs)}: range undecided", (f"{c.name} (exact value)",),
                               "missing_data")
            return Outcome(both, f"{c.name} {obs.raw} {'within' if both else 'outside'} "
                                 f"{format_number(r.canonical_low)}–{format_number(r.canonical_high)}{_u(r.canonical_unit)}")
        if c.conventional_molar_mass and c.molar_mass and (obs.conventional is not None or r.unit):
            # (calcium 2.625 mmol/L against '8.5-10.5 mg/dL': each end as its own limit, at the rounded factor too)
            limits = [self._comparison(ir.Comparison(concept=r.concept, op=">=" if r.low_inclusive else ">", value=r.low, unit=r.unit,
                                                   canonical_value=r.canonical_low, canonical_unit=r.canonical_unit), section),
                    self._comparison(ir.Comparison(concept=r.concept, op="<=" if r.high_inclusive else "<", value=r.high, unit=r.unit,
                                                   canonical_value=r.canonical_high, canonical_unit=r.canonical_unit), section)]
            if any(e.value is None for e in limits) and not any(e.value is False for e in limits):
                return Outcome(None, "; ".join(e.reason for e in limits if e.value is None), tuple(m for e in limits for m in e.missing),
                               "ambiguous")
            if any(e.value is False for e in limits) or all(e.value is True for e in limits):
                ok = all(e.value is True for e in limits)
                rng = f"{format_number(r.canonical_low)}–{format_number(r.canonical_high)}{_u(r.canonical_unit)}"
                return Outcome(ok, f"{c.name} {self._show(obs, v, r.canonical_unit)} {'within' if ok else 'outside'} {rng}"
                                   + (f" [{note}]" if note else ""))
        lo_op, hi_op = ">=" if r.low_inclusive else ">", "<=" if r.high_inclusive else "<"
        lo_ok = _cmp(v, lo_op, r.canonical_low)
        hi_ok = _cmp(v, hi_op, r.canonical_high)
        ok = lo_ok and hi_ok
        rng = f"{format_number(r.canonical_low)}–{format_number(r.canonical_high)}{_u(r.canonical_unit)}"
        if r.concept != "age" and v == obs.value and (printing_straddles(c, obs, r.unit, lo_op, r.canonical_low)
                                                      or printing_straddles(c, obs, r.unit, hi_op, r.canonical_high)):
            # ('between 0.5 and 2.0 mg/dL', 177 µmol/L: at an end within the rounding of the value as written)
            return Outcome(None, f"{c.name} {self._show(obs, v, r.canonical_unit)}: {rng} at an end within the rounding of the "
                                 "value as written (its last digit, in another unit)", (f"{c.name} in {r.unit or c.unit}",),
                           "ambiguous")
        reason = f"{c.name} {self._show(obs, v, r.canonical_unit)} {'within' if ok else 'outside'} {rng}"
        if note:
            reason += f" [{note}]"
        return Outcome(ok, reason)

    def child(self) -> bool:
        """Whether the patient is known to be under 18: the vocabulary's default ranges are adults' and do not apply
        (a creatinine of 0.85 mg/dL is normal for an adult, high for a 3-year-old)."""
        a = self._age()
        return a is not None and max(a) < 18

    def _limits(self, cid: str, obs: Obs) -> tuple[float | None, float | None, str]:
        c = self._concept(cid)
        uln, lln, src = obs.uln, obs.lln, "patient's range"
        if uln is None and lln is None and c.range and not self.child():
            uln, lln = c.range.get("high"), c.range.get("low")
            src = f"default range {format_number(lln or 0)}–{format_number(uln or 0)}{_u(c.unit)}, {c.range.get('source', 'vocabulary')}"
        return uln, lln, src

    def _half_range(self, c: Concept, obs: Obs) -> tuple[str, tuple[float, float]] | None:
        """For a range of the patient's that gives one limit only, the side it leaves out ('low' or 'high') and where
        laboratories put that limit (the vocabulary's spread, else its default limit); None where both or neither are
        given, the vocabulary has no such limit, or the side does not matter (a low ALT is `raised_only`'s)."""
        if (obs.uln is None) == (obs.lln is None):
            return None
        side = "low" if obs.lln is None else "high"
        if (c.raised_only and side == "low") or (c.lowered_only and side == "high"):
            return None
        if self.child():
            return side, (-math.inf, math.inf)  # (a child's limit: not the adult default, and not said)
        if not c.range:
            return None
        between = c.range.get(f"{side}_between")
        if between and len(between) == 2:
            return side, (float(between[0]), float(between[1]))
        default = c.range.get(side)
        if default is None or (side == "low" and not default):
            return None  # (no lower limit: 0)
        return side, (float(default), float(default))

    def _spread(self, cid: str, obs: Obs, which: str) -> tuple[float, float] | None:
        """Where laboratories put the default limit ('high' or 'low'), when the patient's own range is not given and
        the vocabulary says how far labs differ (`high_between` / `low_between`)."""
        c = self._concept(cid)
        if obs.uln is not None or obs.lln is not None or not c.range or self.child():
            return None
        between = c.range.get(f"{which}_between")
        if not between or len(between) != 2:
            return None
        return float(between[0]), float(between[1])

    def _relative_limit(self, r: ir.RelativeLimit, section: str) -> Outcome:
        got = self._measured(r.concept)
        if isinstance(got, Outcome):
            return got
        c, v, obs, note = got
        spread = self._spread(r.concept, obs, "high" if r.reference == "uln" else "low")
        if spread is not None:
            # no range of the patient's: decided only where every laboratory's limit gives the same answer (a censored
            # value too: '<95 g/L' against LLN − 20 g/L, an LLN of 11 to 13.5 g/dL, may be on either side)
            lo_ref, hi_ref = spread
            lim_a, lim_b = r.factor * lo_ref + r.offset, r.factor * hi_ref + r.offset
            if any(_at_rounded_limit(c, r, v, lim, ref) for lim, ref in ((lim_a, lo_ref), (lim_b, hi_ref))):
                return Outcome(None, f"{c.name} {self._show(obs, v, c.unit)} is at {r.reference.upper()}"
                                     f"{_offset_text(r.offset, c.unit)} for some laboratory, within the rounding of the "
                                     f"{c.name} conversion", (f"{c.name} {r.reference}",), "missing_data")
            if obs.comparator:
                a, b = _censored(obs.comparator, v, r.op, lim_a), _censored(obs.comparator, v, r.op, lim_b)
            else:
                a, b = _cmp(v, r.op, lim_a), _cmp(v, r.op, lim_b)
            name, by = r.reference.upper(), _offset_text(r.offset, c.unit)
            span = f"{name} {format_number(lo_ref)}–{format_number(hi_ref)}{_u(c.unit)} across laboratories"
            if a is None or b is None:
                return Outcome(None, f"{c.name} {_censored_said(obs)}: cannot tell against {format_number(r.factor)} × "
                                     f"{name}{by} ({span})", (f"{c.name} (exact value)",), "missing_data")
            if a != b:
                return Outcome(None, f"{c.name} {self._show(obs, v, c.unit)} against {format_number(r.factor)} × {name}{by}: "
                                     f"depends on the laboratory's {name} ({span}); give the patient's {r.reference}",
                               (f"{c.name} {r.reference}",), "missing_data")
            sym = _SYMBOL[r.op] if a else _NEGATE[r.op]
            return Outcome(a, f"{c.name} {self._show(obs, v, c.unit)} {sym} {format_number(r.factor)} × {name}{by} for any "
                              f"{span} (no range of the patient's)")
        uln, lln, src = self._limits(r.concept, obs)
        ref = uln if r.reference == "uln" else lln
        name = r.reference.upper()
        if ref is None:
            return Outcome(None, f"{c.name} {name} unknown: give the patient's {r.reference}", (f"{c.name} {r.reference}",),
                           "missing_data")
        limit = r.factor * ref + r.offset
        if _at_rounded_limit(c, r, v, limit, ref):
            # ('calcium > ULN by 1 mg/dL' with 2.85 mmol/L against an ULN of 2.6: 0.25 mmol/L over, which laboratories
            # call 1 mg/dL by their rounded factor; on the limit or past it, by the exact one): not decided. (The band
            # takes in the reference too: an ULN given in the other unit is converted as well; and the rounded factor's
            # own rounding, bilirubin's 584.795 for 10000/17.1)
            return Outcome(None, f"{c.name} {self._show(obs, v, c.unit)} is at {name}{_offset_text(r.offset, c.unit)} within "
                                 f"the rounding of the {c.name} conversion ({name} {format_number(ref)}{_u(c.unit)}, {src})",
                           (f"{c.name} in the unit of the criterion",), "missing_data")
        if r.offset:
            # ('hemoglobin < LLN by 20 g/L': the limit is the reference less the amount; no ratio to show)
            by = _offset_text(r.offset, c.unit)
            if obs.comparator:
                c_ok = _censored(obs.comparator, v, r.op, limit)
                if c_ok is None:
                    return Outcome(None, f"{c.name} {_censored_said(obs)}: cannot tell against {name}{by}",
                                   (f"{c.name} (exact value)",), "missing_data")
                return Outcome(c_ok, f"{c.name} {obs.raw} {'meets' if c_ok else 'fails'} {_SYMBOL[r.op]} {name}{by} "
                                     f"({name} {format_number(ref)}{_u(c.unit)}, {src})")
            ok = _cmp(v, r.op, limit)
            sym = _SYMBOL[r.op] if ok else _NEGATE[r.op]
            return Outcome(ok, f"{c.name} {self._show(obs, v, c.unit)} {sym} {name}{by} = {format_number(limit)}{_u(c.unit)} "
                               f"({name} {format_number(ref)}{_u(c.unit)}, {src})")
        ref_c = obs.uln_conventional if r.reference == "uln" else obs.lln_conventional
        if not obs.comparator and (ref_c is not None or obs.conventional is not None):
            # (the value and its limit written on different sides of mass and substance: 1.8 mg/dL of bilirubin against an
            # ULN of 20.52 µmol/L is 1.5 × ULN at the 17.1 laboratories convert with, 1.5004 × at the molar mass)
            v_c = obs.conventional if obs.conventional is not None else v
            lim_c = r.factor * (ref_c if ref_c is not None else ref)
            at_molar = _cmp(v, r.op, limit)
            if is_close(v_c, lim_c) and not is_close(v, limit):
                ok = r.op in ("<=", ">=")
                return Outcome(ok, f"{c.name} {self._show(obs, v, c.unit)} {_SYMBOL[r.op] if ok else _NEGATE[r.op]} "
                                   f"{format_number(r.factor)} × {name} ({name} {format_number(ref)}{_u(c.unit)}, {src}) [at the "
                                   "limit at the conventional conversion factor]")
            if _cmp(v_c, r.op, lim_c) != at_molar:
                return Outcome(None, f"{c.name} {self._show(obs, v, c.unit)} against {format_number(r.factor)} × {name} "
                                     f"({name} {format_number(ref)}{_u(c.unit)}, {src}): the value and the {name} convert "
                                     f"differently at the molar mass and at the factor laboratories use, and the two disagree",
                               (f"{c.name} and its {r.reference} in one unit",), "ambiguous")
        if obs.comparator:
            c_ok = _censored(obs.comparator, v, r.op, limit)
            if c_ok is None:
                return Outcome(None, f"{c.name} {_censored_said(obs)}: cannot tell against {format_number(r.factor)} × "
                                     f"{name}", (f"{c.name} (exact value)",), "missing_data")
            return Outcome(c_ok, f"{c.name} {obs.raw} {'meets' if c_ok else 'fails'} {_SYMBOL[r.op]} "
                                 f"{format_number(r.factor)} × {name} ({name} {format_number(ref)}{_u(c.unit)}, {src})")
        ok = _cmp(v, r.op, limit)
        sym = _SYMBOL[r.op] if ok else _NEGATE[r.op]
        ratio = v / ref if ref else math.inf
        reason = (f"{c.name} {self._show(obs, v, c.unit)} = {ratio:.2f} × {name} {sym} {format_number(r.factor)} × {name} "
                  f"({name} {format_number(ref)}{_u(c.unit)}, {src})")
        return Outcome(ok, reason)

    def _normal_limits(self, r: ir.NormalLimits, section: str) -> Outcome:
        got = self._measured(r.concept)
        if isinstance(got, Outcome):
            return got
        c, v, obs, note = got
        uln, lln, src = self._limits(r.concept, obs)
        if obs.comparator:
            return _censored_unknown(c.name, obs)
        if uln is None and lln is None:
            return Outcome(None, f"{c.name}: no reference range", (f"{c.name} uln/lln",), "missing_data")
        hi_spread, lo_spread = self._spread(r.concept, obs, "high"), self._spread(r.concept, obs, "low")
        half = self._half_range(c, obs)
        if half is not None:
            # a range of the patient's with one side only ('< 5.3 mmol/L'): the other is the laboratory's too, and not
            # given; read as where laboratories put it (read as no limit, a potassium of 2.0 was within normal limits)
            side, between = half
            if side == "low":
                lo_spread = between
            else:
                hi_spread = between
        if hi_spread is not None or lo_spread is not None:
            # no range of the patient's: inside every laboratory's range, or outside every one, or not decided
            los = lo_spread or (lln, lln)
            his = hi_spread or (uln, uln)
            surely_in = (los[1] is None or _cmp(v, ">=", los[1])) and (his[0] is None or _cmp(v, "<=", his[0]))
            surely_out = (los[0] is not None and _cmp(v, "<", los[0])) or (his[1] is not None and _cmp(v, ">", his[1]))
            bounds = "" if half is not None and math.isinf(half[1][1]) else (
                f"lower limit {format_number(lo_spread[0])}–{format_number(lo_spread[1])}" if lo_spread else "") + (
                ", " if lo_spread and hi_spread else "") + (
                f"upper limit {format_number(hi_spread[0])}–{format_number(hi_spread[1])}" if hi_spread else "")
            if c.raised_only and los[1] is not None and _cmp(v, "<", los[1]):
                return _low_only(c.name, self._show(obs, v, c.unit), f"lower limit {format_number(los[1])}{_u(c.unit)}")
            if c.lowered_only and his[0] is not None and _cmp(v, ">", his[0]):
                return _low_only(c.name, self._show(obs, v, c.unit), f"upper limit {format_number(his[0])}{_u(c.unit)}", above=True)
            if half is not None:
                gap = "lower" if half[0] == "low" else "upper"
                bounds = (f"the patient's range gives no {gap} limit; a child's is not the adult default" if math.isinf(half[1][1])
                          else f"the patient's range gives no {gap} limit; {bounds}" if half[1][0] != half[1][1]
                          else f"the patient's range gives no {gap} limit; default {format_number(half[1][0])}")
            if not (surely_in or surely_out) and half is not None and math.isinf(half[1][1]):
                return Outcome(None, f"{c.name} {self._show(obs, v, c.unit)}: within normal limits or not depends on the "
                                     f"{'lower' if half[0] == 'low' else 'upper'} limit, which the patient's range does not "
                                     f"give (a child's: not the adult default)",
                               (f"{c.name} {'lln' if half[0] == 'low' else 'uln'}",), "missing_data")
            if not (surely_in or surely_out):
                return Outcome(None, f"{c.name} {self._show(obs, v, c.unit)}: within normal limits or not depends on the "
                                     f"laboratory ({bounds}{_u(c.unit)} across laboratories); give the patient's range",
                               (f"{c.name} {'lln' if half is not None and half[0] == 'low' else 'uln' if half is not None else 'uln/lln'}",),
                               "missing_data")
            ok = surely_in if r.within else surely_out
            return Outcome(ok, f"{c.name} {self._show(obs, v, c.unit)} {'within' if surely_in else 'outside'} normal limits "
                               f"for any laboratory ({bounds}{'' if half is not None and math.isinf(half[1][1]) else _u(c.unit)}"
                               f"{'' if half is not None else '; no range of the patient' + chr(39) + 's'})")
        if c.raised_only and lln is not None and _cmp(v, "<", lln):
            return _low_only(c.name, self._show(obs, v, c.unit), f"lower limit {format_number(lln)}{_u(c.unit)} ({src})")
        if c.lowered_only and uln is not None and _cmp(v, ">", uln):
            return _low_only(c.name, self._show(obs, v, c.unit), f"upper limit {format_number(uln)}{_u(c.unit)} ({src})", above=True)
        inside = (lln is None or _cmp(v, ">=", lln)) and (uln is None or _cmp(v, "<=", uln))
        ok = inside if r.within else not inside
        reason = (f"{c.name} {self._show(obs, v, c.unit)} {'within' if inside else 'outside'} normal limits "
                  f"{format_number(lln or 0)}–{format_number(uln) if uln is not None else '?'}{_u(c.unit)} ({src})")
        return Outcome(ok, reason)

    def _one_of(self, r: ir.OneOf, section: str) -> Outcome:
        got = self._measured(r.concept)
        if isinstance(got, Outcome):
            return got
        c, v, obs, note = got
        if obs.comparator:
            return _censored_unknown(c.name, obs)
        ok = any(is_close(v, x) for x in r.values)
        vals = ", ".join(format_number(x) for x in r.values)
        return Outcome(ok, f"{c.name} {format_number(v)} {'is' if ok else 'is not'} one of {vals}")

    def _finding(self, r: ir.Finding, section: str) -> Outcome:
        c = self._concept(r.concept)
        obs, note, miss = self.value(r.concept)
        if obs is None:
            return self._missing(r.concept, miss)
        if r.variant is not None and obs.value == "positive" and (kt := htlv_type(obs.key)) != r.variant:
            # ('HTLV-1 negative' against a record's 'HTLV-2: positive': a result of the other virus says nothing of this
            # one, read as the criterion's own, a wrong fail; one of a test of both, 'HTLV: positive', may be of either.
            # A negative one of both is of this one too)
            of = f"a result of HTLV-{kt}, which says nothing of" if kt is not None else "a test of both types, which does not say it is"
            return Outcome(None, f"{obs.key} {obs.raw or obs.value}: {of} HTLV-{r.variant}",
                           (f"HTLV-{r.variant} antibody",), "missing_data")
        if obs.value == "indeterminate":
            said = obs.raw if obs.raw.endswith(("(conflicting)", "stays positive)")) else "indeterminate"
            return Outcome(None, f"{c.name} {said}", (f"{c.name} (a definite result)",), "missing_data")
        if not isinstance(obs.value, str):
            # ('Detectable M-protein', 'Negative AFP' against a measured 1.2 g/dL, 3 ng/mL: what amount is 'detectable' or
            # 'negative' is not read; the number, read as no result, failed)
            return Outcome(None, f"{c.name} {obs.raw or format_number(float(obs.value))}: whether it is {r.value} is not read "
                                 "from an amount", (f"{c.name} ({r.value} or not)",), "not_understood")
        ok = obs.value == r.value
        what = f"{c.name} {obs.value}" if c.kind == "finding" else f"{c.name}: {'yes' if obs.value == 'positive' else 'no'}"
        reason = f"{what}" + (f" [{note}]" if note else "")
        return Outcome(ok, reason)

    def _category(self, r: ir.Category, section: str) -> Outcome:
        if r.concept == "sex":
            if self.p.sex is None:
                return Outcome(None, "sex not recorded", ("sex",), "missing_data")
            if self.p.sex not in ("female", "male") and not set(r.values) - {"female", "male"}:
                # ('unknown', 'other', 'intersex' against 'Female patients': not ours to decide)
                return Outcome(None, f"sex recorded as {self.p.sex}: whether the criterion's {' or '.join(r.values)} applies "
                                     "is not decided from the record", ("sex",), "missing_data")
            ok = self.p.sex in r.values
            return Outcome(ok, f"sex {self.p.sex} {'is' if ok else 'is not'} {' or '.join(r.values)}")
        obs, _, miss = self.value(r.concept)
        if obs is None:
            return self._missing(r.concept, miss)
        ok = str(obs.value) in r.values
        return Outcome(ok, f"{self._concept(r.concept).name} {obs.value}")

    # -- history -----------------------------------------------------------------------
    def _matches(self, e: Event, r: ir.History) -> Tri:
        if not (e.classes & set(r.concepts)):
            return False
        if (e.status and _not_happened(e.status) and not _a_response(e)) or (
                e.category == "condition" and e.start is not None and e.start.earliest > self.as_of):
            return False  # ('declined', 'entered in error'; a condition that began after the screening date)
        if e.category == "condition" and e.said and _DIAGNOSIS_VOID.match(e.said):
            return False  # ('misdiagnosed', 'diagnosis withdrawn')
        if e.category == "procedure" and e.status and _refused_for(e.status):
            # ('laparotomy', 'declined due to active infection': a procedure refused was not done; no drug's own effects to
            # say it was; with its day recorded, done that day or refused that day? not said)
            return False if e.start is None and e.end is None else None
        if e.category != "condition" and e.status and e.start is None and e.end is None and _refused_for(e.status):
            # 'refused due to toxicity', 'declined due to infection', '… due to neuropathy from bortezomib': given and then
            # refused, or refused before it began? Not said (where no day of a course is recorded)
            return False if _SAID_NOT_GIVEN.search(e.status) else None
        if r.status != "active" and r.window is None and (
                (e.status and _planned(e.status)) or (e.start is not None and e.start.earliest > self.as_of)):
            # 'planned' or starting after the screening date: no history of it, though it may be concurrent ('No
            # concurrent surgery' bars a planned one); a window counts back from its own reference, perhaps a later first
            # dose: checked there
            return False
        if r.status != "active" and r.window is not None and e.status and _planned(e.status):
            # a daratumumab order in draft of 2026-10-30 against 'daratumumab within 14 days before screening': the day
            # is when it was planned; not given by the screening date, it may be by a later reference event
            # (a day not read, 'prior to the start of conditioning', may be later too)
            ref_day = self.p.dates.get(r.window.reference)
            day = e.start or e.end
            return None if (r.window.reference in _LATER_EVENTS and r.window.reference not in self.p.dates) or (
                r.window.reference.startswith("unread:")) or (
                # (cisplatin planned for 2026-11-10, a first dose recorded on 2026-11-20: given by then, perhaps, inside
                # 'within 14 days before the first dose'; read as never given, a complete record passed it)
                ref_day is not None and ref_day.latest > self.as_of and (day is None or day.earliest <= ref_day.latest)) else False
        if r.excluding and e.classes & set(r.excluding):
            return False
        if r.excluding and self._wider_than_excepted(e, r):
            return None  # 'carcinoma in situ' recorded, 'carcinoma in situ of the cervix' excepted: perhaps that one
        if (("immunosuppressant" in r.concepts and "systemic_corticosteroid" not in r.concepts
             and "systemic_corticosteroid" in e.classes and "immunosuppressant" not in (e.term.parents if e.term else ()))
                and _STEROID_OTHER_USE.search(e.status)):
            return None  # 'a single dose of dexamethasone as antiemetic' against 'immunosuppressives': a steroid, perhaps not one
        if r.other and e.classes & self.trial_conditions:
            if "malignancy" not in r.concepts:
                return None  # 'No … plasma cell dyscrasia' in a myeloma trial: the trial's own, or a second one?
            if self._own_candidates() > 1:
                return None  # two cancers that each fit the trial's disease ('advanced solid tumor'): one is the other
            return False
        if r.other and e.term is not None and any(
                e.term.id in self.v.terms[t].ancestors for t in self.trial_conditions if t in self.v.terms):
            return None  # 'ovarian cancer' recorded in an epithelial-ovarian-cancer trial: perhaps the trial's own disease
        if r.other and "malignancy" in r.concepts and e.term is not None and any(
                (e.term.ancestors & self.v.terms[t].ancestors) - _BROAD_CLASSES - {e.term.id, t}
                for t in self.trial_conditions if t in self.v.terms):
            return None  # plasma cell leukemia in a myeloma trial: a form the trial's own disease takes, or another one?
        if r.other and not self.trial_conditions and e.term is not None and (
                "malignancy" in r.concepts or "malignancy" in e.term.ancestors):
            # the trial's own disease is not known: cannot tell 'other' from 'own' ('Prior history of invasive breast
            # cancer' in a trial whose own breast cancer the text does not name plainly: the record's may be that one)
            return None
        return True

    def _for_no_cancer(self, e: Event) -> str:
        """What a therapy's record says it was given for, when that is no cancer (cyclophosphamide for lupus nephritis,
        raloxifene for osteoporosis, a hysterectomy for fibroids; or none the vocabulary knows); '' otherwise."""
        if not _SAYS_FOR.search(f"{e.name} {e.status}"):
            return ""
        v = self.v
        conditions = [t for _, _, t in v.find_terms(f"{e.name}; {e.status}") if t in v.terms and v.terms[t].category == "condition"]
        if any("malignancy" in v.terms[t].ancestors for t in conditions) or self._for_cancer(e.status):
            return ""
        if conditions:
            return v.terms[conditions[0]].name
        said = _GIVEN_FOR.search(f"{e.name}; {e.status}")
        return said.group(1).strip() if said else ""

    def _for_another_cancer(self, e: Event) -> str:
        """The cancer a therapy's record says it was given for, when that is not, or may not be, the trial's own disease
        (the trial's disease not known), or what else it says it was given for (`_for_no_cancer`); '' otherwise."""
        if not _SAYS_FOR.search(f"{e.name} {e.status}"):
            return ""
        no_cancer = self._for_no_cancer(e)
        if no_cancer:
            return no_cancer
        v = self.v
        conditions = [t for _, _, t in v.find_terms(f"{e.name}; {e.status}") if t in v.terms and v.terms[t].category == "condition"]
        named = [t for t in conditions if t != "malignancy" and "malignancy" in v.terms[t].ancestors]
        own = self.trial_conditions
        if not named or (own and any(t in own or own & v.terms[t].ancestors or any(t in v.terms[o].ancestors for o in own if o in v.terms)
                                     for t in named)):
            return ""
        return v.terms[named[0]].name

    def _wider_than_excepted(self, e: Event, r: ir.History) -> bool:
        """Whether the record names a wider kind than one the rule excepts ('carcinoma in situ' against 'except
        carcinoma in situ of the cervix'): it may be the excepted one."""
        return e.term is not None and any(x != e.term.id and x in self.v.terms and e.term.id in self.v.terms[x].ancestors
                                          for x in r.excluding)

    def _names_a_cancer(self, words: str) -> bool:
        """Whether a qualifier names a cancer ('myeloma' of 'CNS involvement with myeloma')."""
        return _names_a_cancer(self.v, words)

    def _for_cancer(self, status: str) -> bool:
        """Whether a record's status gives a cancer as the indication ('for osteosarcoma', 'anti-myeloma')."""
        return bool(_FOR_CANCER.search(status)) or any(
            "malignancy" in self.v.terms[t].ancestors for _, _, t in self.v.find_terms(status) if t in self.v.terms)

    def _aimed_at_excepted(self, e: Event, r: ir.History) -> Tri:
        """'No concurrent radiotherapy other than palliation of painful bone metastases': an exception that names a
        condition excepts the therapies (procedures) aimed at it. True when the record names it as the target, None
        when it names no condition at all, False when it names another ('radiotherapy to liver metastasis') or the
        exception is of the rule's own kind."""
        if not r.excluding:
            return False  # (most rules except nothing)
        targets = [x for x in r.excluding if x in self.v.terms and self.v.terms[x].category == "condition"]
        if not targets or e.category == "condition":
            return False
        named = [self.v.terms[t] for _, _, t in self.v.find_terms(f"{e.name}; {e.status}") if t in self.v.terms]
        named = [t for t in named if t.category == "condition"]
        if any(t.ancestors & set(targets) for t in named):
            return True
        return False if named else None

    def _absent_since(self, r: ir.History, denied_terms: frozenset[str]) -> list[str]:
        """Conditions recorded absent on a day before the screening date, of what a criterion asks ('stroke', `present:
        false`, 2023, against 'Stroke within 6 months' or 'History of stroke'): found absent that day, and whether it
        happened since is not said (read as absent now, it passed); none where the record also says it absent with no day.
        (A therapy not given is planned perhaps, and read as before.)"""
        dated = self.p.__dict__.get("_dated_absences")
        if dated is None:  # (once per patient: most records deny without a day, and then nothing is looked up)
            dated = self.p.__dict__["_dated_absences"] = any(
                not e.present and e.category == "condition" and (e.start is not None or e.end is not None) for e in self.p.events)
        if not dated:
            return []
        key = (tuple(r.concepts), self.as_of, r.other)
        memo = self.p.__dict__.setdefault("_absent_since", {})  # (per patient: the same asked kinds, trial after trial)
        if key in memo:
            return memo[key]
        memo[key] = found = self._absent_since_found(r, denied_terms)
        return found

    def _absent_since_found(self, r: ir.History, denied_terms: frozenset[str]) -> list[str]:
        by_term = self.p.__dict__.get("_absent_by_term")
        if by_term is None:  # (once per patient: a prepared Patient is screened against many trials)
            by_term = {}
            for e in self.p.events:
                if not e.present and e.category == "condition" and e.term is not None:
                    by_term.setdefault(e.term.id, []).append(e)
            self.p.__dict__["_absent_by_term"] = by_term
        if not by_term:
            return []
        absent = list({id(e): e for c in r.concepts if c in self.v.terms for tid in self.v.terms[c].certain & denied_terms
                       for e in by_term.get(tid, ())}.values())
        if any(e.start is None and e.end is None for e in absent):
            return []
        out = []
        for e in absent:
            day = e.end or e.start
            if day is not None and day.earliest < self.as_of:  # ('2026': perhaps found absent in January)
                out.append(f"{e.name}: recorded as absent on {day}; whether it happened since is not recorded")
        return out

    def _resumed(self, e: Event) -> DateRange | None:
        """When a course ended on its recorded `end` and began again, by its status, may have run: from the day it
        restarted (or its end) to the screening date; None where the status says no resumption after the end."""
        if e.category != "therapy" or not e.end_recorded or e.end is None or e.end.latest > self.as_of or not e.said:
            return None
        m = _RESUMED.search(e.said)
        if m is None or _RESUME_DENIED.search(e.said, 0, m.start()) or _BACK_ON_TIME.match(e.said, m.start()) or stopped(e.said[m.end():]):
            # ('not to be restarted', 'cannot be restarted', 'back on schedule'; 'held, restarted, completed': a stop after
            # the restart, the end recorded its end)
            return None
        day = parse_date(m.group(1), "status") if m.group(1) else None
        if day is not None and day.latest <= e.end.latest:
            return None  # ('restarted 2026-09-05', its end 2026-09-10: the end is the restarted course's)
        since = day.earliest if day is not None else e.end.earliest
        return DateRange(since, max(since, self.as_of), f"between {day or e.end} and {self.as_of.isoformat()}")

    def _switched_to_asked(self, rest: str, want: set[str]) -> bool:
        """Whether what a course was switched to ('pomalidomide') may be of the asked kinds: it names a therapy of them, or
        names none the vocabulary reads."""
        named = [self.v.terms[t] for _, _, t in self.v.find_terms(rest.split(";")[0].split(",")[0])
                 if t in self.v.terms and self.v.terms[t].category == "therapy"]
        return not named or any(t.ancestors & want for t in named)

    def _in_window(self, e: Event, w: ir.Window) -> tuple[Tri, str]:
        ok, why = self._in_window_as_recorded(e, w)
        if (ok is not None and e.category == "therapy" and e.status and _PAUSED.search(e.status)
                and ok is (w.relation == "at_least")
                and ((w.reference in _LATER_EVENTS and w.reference not in self.p.dates)
                     or self._reference_date(w.reference) > self.as_of)):
            # cisplatin 'on hold' at screening against 'within 14 days before the first dose' of 2026-11-20: it may resume
            # before that dose (read as over by the screening date, it passed; a course stopped is over)
            return None, f"{why}; yet {e.name} is paused ('{e.status}') and may resume before the {w.reference.replace('_', ' ')}"
        return ok, why

    def _in_window_as_recorded(self, e: Event, w: ir.Window) -> tuple[Tri, str]:
        if w.reference.startswith("unread:"):
            # 'within 4 weeks before the planned day for the first NKR-2 administration': a day the words name and the
            # grammar does not read; whether the event falls in the window is not known
            return None, (f"{e.end or e.start or 'undated'}: whether it is within {format_number(w.amount)} {w.unit}"
                          f"{'s' if w.amount != 1 else ''} before '{w.reference[7:]}' is not known (that day is not read)")
        ref_date = self.p.dates.get(w.reference.partition(":")[0])
        ref = self._reference_date(w.reference)
        standing = "the screening date" if ref == self.as_of else "the earliest it can be"
        ref_name = f"{w.reference} ({ref.isoformat()})" if ref_date is not None else f"{w.reference} ({ref.isoformat()}, {standing})"
        lo = _add(ref, w.amount, w.unit)
        span = f"{format_number(w.amount)} {w.unit}{'s' if w.amount != 1 else ''} before {ref_name}"
        last: DateRange | None = e.end or e.start
        later = ref_date is None and w.reference in _LATER_EVENTS  # (a day not recorded, from `ref` on)
        if later:
            after = [(x, d) for x, preds in _COMES_AFTER.items() if w.reference in preds
                     and (d := self.p.dates.get(x)) is not None and d.latest < self.as_of]
            first_seen = e.start or e.end
            if after and not (first_seen is not None and first_seen.earliest > min(d.latest for _, d in after)):
                # ('within 14 days before enrollment', no enrollment on record but a first dose of 2026-10-12: the
                # enrollment was some day before that one, not from the screening date on; counted from the screening
                # date, a cisplatin of 2026-09-25 was out of the window)
                x, d = min(after, key=lambda t: t[1].latest)
                return None, (f"the {w.reference.replace('_', ' ')} is not recorded, and the {x.replace('_', ' ')} of {d} "
                              f"after it is before the screening date: whether {e.end or e.start or 'it'} falls within "
                              f"{format_number(w.amount)} {w.unit}{'s' if w.amount != 1 else ''} before it is not known")
        if w.of == "diagnosis" and e.category == "condition":
            # 'No other malignancy diagnosed within the past 5 years': the day it was found counts, whether or not it went
            # on (a cancer of 2015 treated until 2023 failed; an active one found in 2020 was 'diagnosed within 1 year')
            if e.start is None:
                return None, f"{e.end or 'undated'}: when it was diagnosed is not recorded"
            if e.start.earliest > ref:
                if not later:
                    return False, f"{e.start} is after {ref.isoformat()}"
                return None, f"{e.start} is after {ref.isoformat()}; whether it is before the {w.reference.replace('_', ' ')} is not recorded"
            ok, why = self._in_window_from(e, w, e.start, ref, lo, span)
            why = f"diagnosed {why}"
            if ok is not True and (e.ongoing or _came_back(e) or _came_back_at(e.said) or _RECURRED.search(e.said)):
                # ('in remission, relapsed 2025', 'recurrence', 'metastatic 2025', 'active': a recurrence, found again within
                # it, is not ruled out)
                return None, f"{why}, then {e.said}: when it came back is not recorded"
            if later and ((ok is True and w.relation in ("within", "less_than")) or (ok is False and w.relation == "at_least")):
                clears = _add(e.start.latest, w.amount, w.unit, sign=1)
                return None, (f"{why}; the {w.reference.replace('_', ' ')}{_REFERENCE_UNRECORDED} if it is "
                              f"{'after' if w.relation == 'within' else 'on or after'} {clears.isoformat()}")
            return ok, why
        if (e.end is None and e.start is not None and not e.ongoing and e.category == "therapy"
                and (stopped(e.status) or course_unsaid(e.status))):
            # started on a day, stopped on one not recorded: it ended somewhere between then and now (or, its course
            # not said, it goes on: in a 'within' window all the same)
            last = DateRange(e.start.earliest, max(e.start.latest, self.as_of), f"between {e.start} and {self.as_of.isoformat()}")
            if (ran := _RAN_OUT_ON.search(e.said)) is not None:
                # ('ran out 2026-10-28': the day it stopped is said; read as a day between its start and now, a window of
                # 14 days was undecided)
                try:
                    ran_out: DateRange | None = parse_date(ran.group(1), "status")
                except PatientDataError:
                    ran_out = None
                if ran_out is not None and e.start.earliest <= ran_out.earliest and ran_out.latest <= self.as_of:
                    last = ran_out
        elif (e.category == "therapy" and e.end_recorded and e.end is not None and e.end.latest > self.as_of
              and stopped(e.status)):
            # 'discontinued', its end 2027-03-01 (a planned end kept after the stop): stopped on a day between its start and
            # the screening date, or going on to that end
            since = e.start.earliest if e.start is not None else date.min
            last = DateRange(since, max(since, self.as_of), f"between {e.start or 'a day not recorded'} and {self.as_of.isoformat()}")
        elif (back := self._resumed(e)) is not None:
            # ended 2026-09-10, 'restarted 2026-10-28': last given some day from its restart on, perhaps still
            last = back
        elif (not e.end_recorded and e.start is not None and e.category == "condition" and "malignancy" in e.classes
              and _over(e)):
            # a breast cancer of 2018 'in remission', no end recorded: treated for years perhaps, over some day between
            # then and now (read as over on the day it was found, it passed 'no malignancy within 5 years')
            last = DateRange(e.start.earliest, max(e.start.latest, self.as_of), f"between {e.start} and {self.as_of.isoformat()}")
        elif (e.end is None and e.start is not None and e.category == "condition" and e.classes
              and not e.classes & _ACUTE_EVENTS and _over(e)):
            # heart failure begun in 2024, 'resolved', no end recorded: over some day between then and now (read as over
            # on the day it began, it passed 'clinically significant cardiovascular disease within 6 months'); an event (an
            # infarction) is over the day it happened
            last = DateRange(e.start.earliest, max(e.start.latest, self.as_of), f"between {e.start} and {self.as_of.isoformat()}")
        base, _, analyte = w.reference.partition(":")  # ('lab_test:hemoglobin': the test of that value)
        if ref_date is None and base in _EARLIER_EVENTS and not (e.start is not None and e.start.earliest > ref):
            # a transfusion on 2026-10-18 against 'within 7 days before the laboratory test': counted from the day the
            # value was measured (from screening, it passed); undated, that day is not known
            test = self.latest(analyte) if analyte else None
            if test is not None and test.date is not None and (e.end or e.start) is not None:
                day = test.date.latest
                if e.start is not None and e.start.earliest > day:
                    return False, f"{e.start} is after the {self._concept(analyte).name} test ({day.isoformat()})"
                if e.ongoing and not e.end_recorded and w.relation in ("within", "less_than"):
                    return True, f"ongoing, within {format_number(w.amount)} {w.unit}s before the laboratory test"
                if not test.date.exact:
                    # (a test dated to its month: the window may start on any day of it)
                    last_seen: DateRange = e.end or e.start  # type: ignore[assignment]
                    if last_seen.latest < _add(test.date.earliest, w.amount, w.unit):
                        return False, f"{last_seen} is before {format_number(w.amount)} {w.unit}s before the test ({test.date})"
                    return None, f"{last_seen}: whether it is within {format_number(w.amount)} {w.unit}s before the test of {test.date} is not said"
                last_day: DateRange = e.end or e.start  # type: ignore[assignment]
                if e.end is None and e.start is not None and e.category == "therapy":
                    # (started on a day, its end not recorded: over some day between then and the test, or going on)
                    last_day = DateRange(e.start.earliest, max(e.start.latest, day), f"between {e.start} and {day.isoformat()}")
                return self._in_window_from(e, w, last_day, day, _add(day, w.amount, w.unit),
                                            f"{format_number(w.amount)} {w.unit}{'s' if w.amount != 1 else ''} before the "
                                            f"{self._concept(analyte).name} test ({day.isoformat()})")
            return None, (f"{e.end or e.start or 'undated'}: whether it is within {format_number(w.amount)} {w.unit}"
                          f"{'s' if w.amount != 1 else ''} before the laboratory test is not said, the test's day not recorded")
        if (ref_date is not None and ref > self.as_of and (e.start or last) is not None
                and (e.start or last).earliest > self.as_of and (e.start or last).earliest <= ref):  # type: ignore[union-attr]
            # cisplatin dated 2026-11-10, screened on 2026-11-01, a first dose recorded on 2026-11-20: not given by the
            # screening date, to be given perhaps (read as given, 'within 14 days before the first dose' excluded)
            return None, f"{e.start or last} is after the screening date: whether it is given before the {w.reference.replace('_', ' ')} is not recorded"
        if e.start is not None and e.start.earliest > ref:
            if later:
                # surgery planned for 2026-11-08 against 'within 2 weeks before registration', no registration on
                # record: before it, or after?
                return None, f"{e.start} is after {ref.isoformat()}; whether it is before the {w.reference.replace('_', ' ')} is not recorded"
            return False, f"{e.start} is after {ref.isoformat()}"  # (planned: no history before the reference)
        if (e.ongoing and not e.end_recorded and e.category == "condition" and e.start is not None
                and e.start.earliest < lo and e.classes & _ACUTE_EVENTS):
            # a myocardial infarction of 2019 still 'active' on a problem list: an event's entry stays active for years,
            # which says nothing of a new one in the window (read as ongoing, it fell in 'MI within 6 months'); one dated
            # '2025' may have happened before the window or in it
            return None, f"recorded as {e.status or 'ongoing'} since {e.start}: whether one falls within {span} is not said"
        if (e.ongoing or _SAYS_ONGOING.match(e.said)) and e.end_recorded and e.end is not None and e.end.latest < lo:
            # ('active', with an end of 2020: the record says both; read by its end, it was out of the window)
            return None, f"recorded as {e.status or 'ongoing'} yet ended {e.end}"
        if (e.category == "therapy" and e.end_recorded and e.end is not None and e.said
                and (e.end.latest < lo or w.relation == "at_least") and _went_on_after(e) and self._resumed(e) is None):
            # cisplatin ended 2026-09-01, 'last dose 2026-10-25', 'cycle 4 ongoing', 'continuing': given after its end
            # (read by its end, it passed 'At least 4 weeks since prior chemotherapy')
            return None, f"{e.name} ended {e.end}, yet '{e.said}': whether it went on after is not recorded"
        if e.ongoing and not e.end_recorded and e.category == "therapy" and e.start is not None and e.start.latest > ref:
            # begun in 2026-11, the screening day 2026-11-01: going on then, or not yet begun?
            return None, f"begins {e.start}, perhaps after {ref.isoformat()}: whether it is within {span} is not recorded"
        if e.ongoing and not e.end_recorded:
            # still going on (a 'date' is when it began or was found): it falls in every 'within N' / 'less than N'
            # window, and no 'at least N ago'
            return (True, f"ongoing, within {span}") if w.relation in ("within", "less_than") else (False, "ongoing")
        if (e.category == "condition" and e.start is not None and not _over(e)
                and (e.end is None or (not e.end_recorded and bool(e.classes) and (
                    "malignancy" in e.classes or not e.classes & _ACUTE_EVENTS)))
                and w.relation in ("within", "less_than") and e.start.latest < lo):
            # begun before the window, its end not recorded: it may go on into it (a cancer recorded with the day it was
            # found, 'breast cancer', 2019, 'stable disease' or no status: still there, perhaps; read as over that day,
            # it passed 'no other malignancy within 2 years'; so a heart failure diagnosed in 2020, which passed 'No
            # congestive heart failure within the past 6 months'; its kinds as the record names them too, 'HFrEF' of class
            # 'congestive heart failure'. Not an event, an infarction of 2020, over that day)
            return None, f"began {e.start}, before the {span} window; whether it goes on is not recorded"
        if (e.category == "condition" and last is not None and last.latest < lo
                and _RESOLVED.search(e.status) and not _over_at(e.status)):
            # 'not resolved', 'remission lost', 'previously in remission' of 2019 against 'within 6 months': its end
            # denied, the day recorded is when it began, not when it was over
            return None, f"{last}, {e.status}: whether it lasted into {span} is not recorded"
        if e.category == "condition" and last is not None and last.latest < lo and (
                _came_back_at(e.said) or (_over_at(e.status) and _came_back(e))):  # ('resolved, ongoing': not 'residual weakness')
            # a myocardial infarction of 2020 'resolved, recurred', a breast cancer of 2012 'relapsed' or 'relapse 2023,
            # now in remission': its date (or end) is the first one's; when it came back is not recorded (read on that
            # date, it was out of 'within 6 months'), over again or not
            return None, f"{last}, then {e.said}: when it came back is not recorded"
        if last is None:
            return None, f"no date, so 'within {span}' is undecided"
        if later:
            ok, why = self._in_window_from(e, w, last, ref, lo, span)
            clears = _add(last.latest, w.amount, w.unit, sign=1)  # (from the event's last possible day)
            if (ok is True and w.relation in ("within", "less_than")) or (ok is False and w.relation == "at_least"):
                # radiotherapy 10 days ago against 'within 14 days before the first dose', no first dose on record: in
                # the window were the dose today, out of it if the dose comes after the window has passed
                when = "after" if w.relation == "within" else "on or after"
                return None, f"{why}; the {w.reference.replace('_', ' ')}{_REFERENCE_UNRECORDED} if it is {when} {clears.isoformat()}"
            return ok, why
        return self._in_window_from(e, w, last, ref, lo, span)

    def _in_window_from(self, e: Event, w: ir.Window, last: DateRange, ref: date, lo: date, span: str) -> tuple[Tri, str]:
        """Whether an event that ended at `last` falls in a window from `lo` to the reference date `ref`."""
        # Events after the reference date (planned) do not count as history before it.
        if w.unit == "hour":
            # 'At least 72 hours since prior hydroxyurea': days are recorded, times of day not (of the screening day
            # either): an event on day D and the reference on day R are more than R−D−1 and less than R−D+1 days apart
            # (read by whole days, a dose late on the third day before passed)
            if (e.start or last).earliest > ref:
                return False, f"{last} is after {ref.isoformat()}"
            least = ((ref - last.latest).days - 1) * 24.0
            most = ((ref - last.earliest).days + 1) * 24.0
            if w.relation == "at_least":
                verdict: Tri = True if least >= w.amount else False if most <= w.amount else None
            else:
                verdict = True if most <= w.amount else False if least >= w.amount else None
            said = {True: "is", False: "is not", None: "may or may not be"}[verdict]
            return verdict, f"{last} {said} {'at least' if w.relation == 'at_least' else 'within'} {span} (times of day not recorded)"
        # (begun by the reference for certain: a start, or an end, no later than it; a partial '2026-11' of a reference on
        # 2026-11-01 may be after it, and read by its first day a surgery 'within 4 weeks' excluded)
        first = e.start or last
        begun = first.latest <= ref or last.latest <= ref
        if w.relation == "less_than":
            if last.earliest > lo and first.earliest <= ref and begun:
                return True, f"{last} is less than {span}"
            if last.latest <= lo:
                return False, f"{last} is at least {span}"
            if (e.start or last).earliest > ref:
                return False, f"{last} is after {ref.isoformat()}"
            return None, f"{last} may or may not be less than {span}"
        if w.relation == "within":
            if last.earliest >= lo and first.earliest <= ref and begun:
                return True, f"{last} is within {span}"
            if last.latest < lo:
                return False, f"{last} is before the {span} window (from {lo.isoformat()})"
            if (e.start or last).earliest > ref:
                return False, f"{last} is after {ref.isoformat()}"
            return None, f"{last} may or may not fall within {span}"
        # at_least: the event ended at least N before the reference
        if last.latest <= lo:
            return True, f"{last} is at least {span}"
        if last.earliest > lo:
            return False, f"{last} is less than {span}"
        return None, f"{last} may or may not be {span}"

    def _denied_by_name(self, c: str, r: ir.History) -> bool:
        """Whether an absence recorded but for the kinds it names denies `c`: of a class `c` certainly belongs to, and
        `c` none of the kinds named, nor a kind of one, nor wider than one ('malignancy other than myeloma' denies breast
        cancer, not myeloma, nor malignancy: the myeloma may be there). A rule on 'other' kinds sets the trial's own
        disease apart itself ('No other malignancy' in a myeloma trial: denied)."""
        term = self.v.terms.get(c)
        if term is None:
            return False
        for tid, named in self.p.named_denials():
            if tid not in term.certain or "?" in named:
                continue
            left = named - self.trial_conditions if r.other else named
            if left and (c == tid or c in left or any(
                    x in term.ancestors or (x in self.v.terms and c in self.v.terms[x].ancestors) for x in left)):
                # (the class itself holds what it sets apart, whatever the vocabulary says: 'NSAID other than aspirin'
                # says the aspirin on record is one)
                continue
            return True
        return False

    def history_truth(self, r: ir.History) -> Tri:
        """The truth of a history rule without building its reason (the compiled path)."""
        return self._history(r, "", reasons=False).value

    def plainly_given(self) -> frozenset[int]:
        """The ids of the record's present therapies and procedures that meet any rule `plain_history` accepts, once
        given by the screening date: no status or other words of the record's own (nothing 'planned', 'refused', local,
        'for' an indication), no class given only by indication or said doubtful, no term that only may be the one asked
        (cached per patient). For these, `_history` takes none of its branches but the last: met."""
        got = self.p.__dict__.get("_plainly_given")
        if got is None:
            got = self.p.__dict__["_plainly_given"] = frozenset(
                id(e) for e in self.p.events
                if e.present and e.category in ("therapy", "procedure") and not e.status and not e.said and not e.doubtful
                and not e.by_indication and e.term is not None and not e.term.maybe and _plain_name(e.name))
        return got

    def _history(self, r: ir.History, section: str, reasons: bool = True) -> Outcome:
        by_class, denied_terms = self.p.event_index()
        if r.other and denied_terms:
            denied_terms = self.p.denials(other=True)  # ('other malignancy': absent, against 'No other malignancy')
        wanted = r.concepts
        want = set(wanted)
        events: list[Event] = []
        seen: set[int] = set()
        for c in wanted:
            for e in by_class.get(c, ()):
                # (radiotherapy recorded under procedures, as FHIR does, is the therapy all the same)
                if id(e) not in seen and (r.category == "any" or e.category == r.category or (
                        r.category == "therapy" and e.category == "procedure" and e.term is not None
                        and (e.term.category == "therapy" or c in e.term.maybe))):
                    # (an allogeneic transplant among the procedures may be the 'cellular therapy' a trial bars: whether
                    # it is, is not said)
                    seen.add(id(e))
                    events.append(e)
        unknown_reasons: list[str] = []
        known: set[str] = set()
        decided_false: list[str] = []
        for e in events:
            if r.excluding_qualifiers and e.classes & set(r.excluding) and e.classes & set(r.concepts):
                # 'except adequately treated basal cell carcinoma': excepted only when the record says so
                if r.window is not None and self._in_window(e, r.window)[0] is False:
                    continue  # (outside the window, excepted or not: no reason to ask)
                status = " ".join(e.status.lower().replace("-", " ").split())
                asked = [q for x in r.excluding if x in e.classes for q in r.excluding_qualifiers.get(x, [])]
                unsaid = [q for q in dict.fromkeys(asked) if not _says(status, q)]
                if unsaid and not any(x in e.classes and not r.excluding_qualifiers.get(x) for x in r.excluding):
                    known.update(c for c in wanted if c in e.classes)
                    unknown_reasons.append(f"{e.name}: excepted only if {' and '.join(unsaid)}, which is not recorded")
                continue
            m = self._matches(e, r)
            if m is False:
                continue
            aimed = self._aimed_at_excepted(e, r)
            if aimed is True:
                continue
            if aimed is None:
                known.update(c for c in wanted if c in e.classes)
                unknown_reasons.append(f"{e.name}: whether it was for {self._names(r.excluding)} (excepted) is not recorded")
                continue
            # (an ended pneumonia of 2019 says nothing of an infection now: a record's one infection does not speak for
            # the class; its own kind it does)
            for c in wanted:
                if c in e.classes and (e.term is None or e.term.id == c or c not in _OPEN_CLASSES):
                    known.add(c)
            ok: Tri = True
            why = e.name
            if (e.category == "therapy" and want & _SYSTEMIC_CLASSES and not any(_LOCAL_ROUTE.search(q) for q in r.qualifiers)
                    and _LOCAL_ROUTE.search(f"{e.name} {e.status}") and not _given_systemically(e.name)):
                # intravesical mitomycin against 'No prior systemic chemotherapy' (read as chemotherapy): a local route
                ok, why = None, f"{e.name}: given locally; whether it counts as {self._names([c for c in wanted if c in e.classes])} is not said"
            if e.doubtful and not (want & (e.classes - e.doubtful)):
                # 'VRd (lenalidomide omitted)' against 'Prior lenalidomide', an immunomodulator: its name says that drug
                # may not have been given (read as the regimen's drugs all, it was); 'not infused; progressed': its status
                # says it may not have been given at all
                ok, why = None, (f"{e.name} ({e.said}): whether it was given is not said" if e.doubtful >= e.classes else
                                 f"{e.name}: whether it held {self._names([c for c in wanted if c in e.classes])} is not said")
            elif e.term is not None and e.term.maybe and not (want & (e.classes - e.term.maybe)):
                # an allogeneic stem cell transplant against 'allogeneic tissue/solid organ transplant': perhaps one
                ok, why = None, f"{e.name}: whether it counts as {self._names([c for c in wanted if c in e.classes])} is not said"
            elif e.by_indication and not (want & (e.classes - e.by_indication)) and not self._for_cancer(e.status):
                # megestrol against 'No concurrent hormonal anticancer therapy': for cancer, or for appetite?
                ok, why = None, f"{e.name}: counts as {self._names([c for c in wanted if c in e.classes])} only if given for cancer, which is not recorded"
            if (ok is True and e.category == "procedure" and "surgery" in wanted and not r.qualifiers and r.window is None
                    and r.status != "active" and not self._for_cancer(f"{e.name} {e.status}")
                    and not (e.term is not None and e.term.ancestors & _CANCER_SURGERY)):
                # a coronary bypass of 2015 against 'Surgery: No prior surgery' in an old record's prior-therapy section:
                # surgery for the cancer, or any? Not said
                ok, why = None, f"{e.name}: whether surgery not said to be for cancer counts is not said"
            elif (ok is True and e.category in ("therapy", "procedure") and not r.qualifiers and r.window is None and r.status != "active"
                    and want & _ANTICANCER and (other := self._for_another_cancer(e))):
                # tamoxifen for breast cancer, against 'No prior or concurrent hormonal therapy' in a pancreatic-cancer
                # trial: any such therapy, or only for the trial's disease? Not said (a washout or a bar on therapy now
                # holds whatever it was for)
                ok, why = None, f"{e.name}: given for {other}; whether {self._names([c for c in wanted if c in e.classes])} for it counts is not said"
            elif (ok is True and e.category == "therapy" and want & _ANTICANCER_DRUGS
                  and not (want & (e.classes - _ANTICANCER_DRUGS)) and (said := self._for_no_cancer(e))):
                # interferon beta for multiple sclerosis, raloxifene for osteoporosis against 'No concurrent anticancer
                # agents' or 'No chemotherapy within 4 weeks': a drug of the kind, given for no cancer
                ok, why = None, f"{e.name}: given for {said}; whether it counts as {self._names([c for c in wanted if c in e.classes])} is not said"
            if e.category == "condition" and e.status and (_unconfirmed(e.status) or _doubted(e.status, e.name)):
                # 'metastatic on CT; biopsy pending', 'suspected': not yet the disease the criterion names; a
                # 'heterozygous carrier' of a recessive disease may or may not have it
                ok, why = None, f"{e.name} ({e.status}): not confirmed"
            elif _a_response(e):
                # a myeloma 'bone marrow negative', a lymphoma 'PET negative': a response to treatment, or no such disease?
                # (read as a denial, the myeloma was screened out of a myeloma trial)
                ok, why = None, f"{e.name} ({e.said}): a response to treatment, or no such disease; which is not said"
            elif e.category == "condition" and e.said and not_a(self.v, e.said, e.classes) is None:
                # 'stroke', 'not a stroke, TIA': what it was instead may be what is asked, or not
                ok, why = None, f"{e.name} ({e.said}): what it was instead is not certain"
            if (ok is not False and r.window is None and e.start is not None and e.start.latest > self.as_of
                    and begun_by(e, self.as_of) is None
                    and not (r.status == "active" and e.category == "therapy")  # (said below: 'begins …')
                    and not _AN_OUTCOME.search(e.said or e.status)):
                # (bortezomib from '2026-11', screened on 2026-11-01: begun that day, or later in the month; read by its
                # first day, 'Prior bortezomib' was met, and an active hepatitis B of '2026-11' 'Active hepatitis B';
                # one 'refractory' or 'completed' had begun)
                ok, why = None, f"{e.name} began {e.start}: perhaps after the screening date"
            if r.status == "active" and not (ok is None and why.endswith("perhaps after the screening date")):
                last = e.end or e.start
                if e.end_recorded and e.end is not None and e.end.latest < self.as_of and (
                        e.ongoing or _SAYS_ONGOING.match(e.said)
                        or (e.category == "condition" and _RESOLVED.search(e.status) and not _over_at(e.status))):
                    # ('active', with an end of 2020 or a FHIR abatement: the record says both)
                    ok, why = None, f"{e.name}: recorded as {e.status or 'ongoing'} yet ended {e.end}"
                elif (e.category in ("therapy", "procedure") and e.status and _planned(e.status) and not e.ongoing
                      and last is not None and last.latest < self.as_of):
                    # a prednisone 'planned' from 2026-10-01, a MedicationRequest in draft: not begun on the day recorded,
                    # perhaps by now or later (read by its date, it had 'ended' then)
                    ok, why = None, f"{e.name} ({e.status}): planned; whether it is under way is not recorded"
                elif e.category == "therapy" and e.ongoing and e.start is not None and e.start.latest > self.as_of:
                    # dexamethasone from 2026-12-01, screened on 2026-11-01: not current that day (read as ongoing, it failed
                    # 'Current treatment with systemic corticosteroids'); 'current' and 'concurrent' read alike, and a course
                    # to come is concurrent with the study, perhaps
                    ok, why = None, (f"{e.name} begins {e.start}, after the screening date: not current on it; whether the "
                                     "criterion asks of the time of the study too is not said" if e.start.earliest > self.as_of else
                                     f"{e.name} begins {e.start}, perhaps after the screening date: whether it is current is not "
                                     "recorded")
                elif (e.category == "therapy" and e.end_recorded and e.end is not None and e.end.latest > self.as_of
                      and stopped(e.status)):
                    # 'discontinued' with an end of 2027-03-01, the planned end kept after a stop: stopped on a day not
                    # recorded, or to stop on that end (read by its end, it was current)
                    ok, why = None, f"{e.name} ({e.said}), its recorded end {e.end} after the screening date: when it stopped is not recorded"
                elif self._resumed(e) is not None:
                    # 'restarted 2026-10-28' after an end of 2026-09-10: begun again (read by its end, it was over)
                    ok, why = None, f"{e.name} ended {e.end}, then {e.said}: whether it goes on is not recorded"
                elif e.ongoing and e.category == "condition" and ok is True and _TREATED_STATE.search(e.status):
                    # 'brain metastases: active, treated, stable' against 'Known active CNS metastases': present, yet
                    # treated and stable, which such criteria mostly let in
                    ok, why = None, f"{e.name} ({e.status}): ongoing, yet treated or stable; whether it counts as active is not said"
                elif e.ongoing:
                    why = f"{e.name} is ongoing" if ok is True else f"{why}; ongoing"  # (an undecided one keeps its why)
                elif (last is not None and last.latest < self.as_of and e.category in ("procedure", "condition")
                      and not e.end_recorded and not _over(e)):
                    # a procedure on a day ('surgery', 'hemodialysis'), a condition with the day it was found:
                    # whether it goes on is not said
                    ok, why = None, f"{e.name} ({last}): whether it is current is not recorded"
                elif e.category == "therapy" and _PAUSED.search(e.status):
                    # (with an end recorded too: warfarin 'held for procedure', its end 2026-10-28, is paused, to resume
                    # perhaps; read by its end, it was over and an INR of 2.5 failed 'INR ≤ 1.5 unless on anticoagulation')
                    ok, why = None, f"{e.name} ({e.status}): paused; whether it counts as current is not said"
                elif e.category == "therapy" and not e.end_recorded and course_unsaid(e.status):
                    ok, why = None, f"{e.name} (status {e.status}): whether it goes on is not recorded"
                elif (e.category == "therapy" and (sw := _SWITCHED.search(e.said) or _TO_MAINTENANCE.search(e.said)) is not None
                      and self._switched_to_asked(e.said[sw.end():], want)):
                    # (and 'completed 6 cycles, switched to maintenance lenalidomide': the course over, its maintenance
                    # perhaps of the drug asked, going on)
                    # prednisone 'switched to dexamethasone' against 'Current systemic corticosteroids': the course over,
                    # what it gave way to perhaps of the kind asked (not in the record as an entry of its own)
                    ok, why = None, f"{e.name} ({e.said}): what it was switched to may be {self._names(r.concepts)}"
                elif last is not None and last.latest < self.as_of and e.category == "condition" and _came_back(e):
                    # ('resolved, recurred' after an end of 2020: back since, and perhaps still)
                    ok, why = None, f"{e.name} ({e.said}) after {last}: whether it is current is not recorded"
                elif last is not None and last.latest < self.as_of:
                    # (a start alone and a status that says it is over, 'stopped', 'resolved': it ended on a day not recorded,
                    # not on its start)
                    ok, why = False, (f"{e.name} ended {last}" if e.end is not None else
                                      f"{e.name} ended on a day not recorded, between its start {last} and {self.as_of.isoformat()}")
                elif last is None and r.min_grade is not None and e.grade is not None and _OVER_NOW.match(_FHIR_DETAILS.sub("", e.status)):
                    # ('resolved' with a grade and no date, against a graded rule read as now: a grade asks of now, or of
                    # ever — 'Grade ≥ 3 CRS at any time' — which the rule cannot always tell; not decided)
                    ok, why = None, f"{e.name}: grade {e.grade}, {e.status}; whether the criterion asks of now or of ever is not certain"
                elif last is None and r.min_grade is not None and e.grade is not None:
                    why = f"{e.name}: grade {e.grade} recorded without a date, read as the current grade"
                elif last is None and _OVER_NOW.match(_FHIR_DETAILS.sub("", e.status)):
                    ok, why = False, f"{e.name}: {e.status}, not current"  # ('resolved', 'in remission' with no date)
                elif last is None:
                    ok, why = None, f"{e.name}: whether it is current is not recorded"
            if r.untimed and r.status == "active" and ok is False:
                # ('Known active CNS metastases and/or carcinomatous meningitis': a meningitis over is not active, yet
                # whether 'active' reaches it is not said)
                ok, why = None, f"{why}: whether 'active' reaches it is not said"
            if r.untimed and r.status == "any" and r.window is None and ok is True and not e.ongoing and (
                    (e.end_recorded and (e.end or e.start) is not None and (e.end or e.start).latest < self.as_of)  # type: ignore[union-attr]
                    or _over(e)):
                ok, why = None, f"{e.name} is over: whether the criterion asks only about now is not said"
            if r.window is not None and ok is not False:
                w_ok, w_why = self._in_window(e, r.window)
                # (an event already undecided, 'suspected' or of an indication not said, stays so inside the window)
                why = f"{e.name} {w_why}" if ok is True or w_ok is False else f"{why}; {w_why}"
                ok = and3(ok, w_ok)
            if ok is not False and r.min_grade is not None:
                changed = _GRADE_CHANGED.search(e.status) if r.status == "active" and e.status else None
                if changed is not None:
                    # ('grade 3, resolved to grade 1', 'improved to grade 1, then flared'): the grade now is in the status's
                    # words, which are not read closely enough to decide on (the recorded grade alone had failed a patient
                    # whose neuropathy is grade 1 now)
                    ok, why = None, f"{e.name}: grade {e.grade if e.grade is not None else 'not recorded'}, '{e.status}': the grade now is not certain"
                # (not of a window: 'within 14 days' asks the grade then, not the worst of 2024)
                elif (r.status != "active" and r.window is None and (e.grade is None or e.grade < r.min_grade)
                      and (worst := _worst_grades(e.said, e.name)) and max(worst) >= r.min_grade):
                    # 'History of grade ≥3 CRS', grade 2 recorded, 'max grade 3 on day 2, grade 2 at discharge': the worst
                    # grade is the one asked of (read by the grade at discharge, it passed)
                    why += f", grade {max(worst)} at worst ({e.said})"
                elif (r.status != "active" and (e.grade is None or e.grade < r.min_grade)
                      and (in_status := _grades_in(e.said, _GRADE_WRITTEN) + _worst_grades(e.said, e.name))
                      and max(in_status) >= r.min_grade and not (
                          r.window is not None and r.window.unit in ("day", "week", "month", "hour")
                          and _grades_of_years_before(e.said, r.min_grade, _add(self.as_of, r.window.amount, r.window.unit).year))):
                    # (not 'max grade 3 in 2024' against 'grade ≥ 2 within 14 days': a grade of a year before the window)
                    # (a higher grade written in the status, not said to be the worst: 'grade 3 initially', 'grade 3?'; or,
                    # against a window, a worst grade whose day is not said: 'worst grade 4' of an episode in the window,
                    # or of 2024)
                    ok, why = and3(ok, None), (f"{e.name}: grade {e.grade if e.grade is not None else 'not recorded'}, "
                                               f"'{e.said}': the worst grade is not certain")
                elif e.grade is None:
                    ok, why = and3(ok, None), f"{e.name}: grade not recorded"
                elif e.grade < r.min_grade:
                    ok, why = False, f"{e.name} grade {e.grade} < {r.min_grade}"
                else:
                    why += f", grade {e.grade}"
            if r.qualifiers and (ok is True or (ok is False and r.window is not None and r.window.relation == "at_least")):
                # an event too recent for 'at least N since …' counts against it only if it is the narrowed kind
                # ('neo-adjuvant' is one word, never 'adjuvant')
                status = _plain_words(e.status)
                # (an organ is said by the record's name too: 'cardiac amyloidosis', 'cardiac bypass surgery')
                # (and a cancer a spread is of: 'myeloma with CNS involvement' against 'CNS involvement with myeloma')
                unsaid = [q for q in r.qualifiers if not _says(status, q) and not (
                    (q in _ORGANS or self._names_a_cancer(q)) and _says(_plain_words(e.name), q))]
                # (the opposite in the record's name or status: 'acute graft-versus-host disease', status 'acute'; not
                # 'acute exacerbation', 'acute decompensated', which are of a chronic disease)
                said_not = [q for q in unsaid if _denies(status, q) or (
                    q in _OPPOSITE and not _says(_plain_words(e.name), q) and any(
                        not re.search(_NEGATED_BEFORE + "$", nm[: m.start()]) and not _FLARE_AFTER.match(nm, m.end())
                        for nm in (_plain_words(e.name), status) for m in _OPPOSITE[q].finditer(nm)))]
                if said_not and ok is True:
                    # 'mild steatosis; not clinically significant' against 'No clinically significant hepatic disease'
                    ok, why = False, f"{e.name}: not {' and '.join(said_not)}"
                elif unsaid:
                    ok, why = None, f"{e.name}: whether it is {' and '.join(unsaid)} is not recorded"
            if m is None and ok is not False:
                # (an event that fails the rest of the rule, 'concomitant' with a cancer cured in 2010, is out either way)
                ok, why = None, (f"{e.name}: whether it is the excepted {self._names(r.excluding)} is not recorded"
                                 if self._wider_than_excepted(e, r) else
                                 f"{e.name} ({e.status}): not given by the screening date; whether before the "
                                 f"{r.window.reference.replace('_', ' ')} is not recorded" if r.window is not None and PLANNED_STATUS.match(e.status) else
                                 f"{e.name} ({e.status}): whether it was given (or done) before it was refused is not said"
                                 if e.category != "condition" and _REFUSED_FOR.search(e.status) else
                                 f"{e.name} ({e.status}): whether a steroid given so counts as immunosuppressive is not said"
                                 if e.category == "therapy" else f"{e.name}: unclear whether it is the trial's own disease")
            if ok is True:
                return Outcome(True, f"{self._history_label(r)}: {why}") if reasons else _BARE_TRUE
            if ok is None:
                unknown_reasons.append(why)
            else:
                decided_false.append(why)
        if denied_terms and (r.window is not None or r.status == "active" or not self.closed):
            # (and 'History of stroke', ever: found absent on a day before the screening date, one since is not ruled out;
            # in the closed world, one since would be on record)
            unknown_reasons.extend(self._absent_since(r, denied_terms))
        if unknown_reasons:
            if not reasons:
                return _BARE_NONE
            when = (f"{r.window.reference.replace('_', ' ')} date",) if (
                r.window is not None and r.window.reference in _LATER_EVENTS and r.window.reference not in self.p.dates
                and any(_REFERENCE_UNRECORDED in u for u in unknown_reasons)) else ()
            return Outcome(None, f"{self._history_label(r)}: " + "; ".join(unknown_reasons),
                           (f"history: {self._names(r.concepts)}", *when), "missing_data")
        # 'no stroke' denies stroke and its sub-types; 'no MI' says nothing of other heart disease
        denied = {c for c in wanted if c in self.v.terms and self.v.terms[c].certain & denied_terms}
        if NAMED_DENIALS in denied_terms:
            denied |= {c for c in wanted if self._denied_by_name(c, r)}
        decided = (denied | known) >= want
        # (only where it changes the answer or its reason: in the open world, undecided and without a reason, unknown
        # all the same)
        shown = (self._shown_by_findings(wanted) if r.category in ("condition", "any") and (decided or self.closed or reasons)
                 else [])
        if shown:
            # a positive HBsAg and no hepatitis B among the conditions, or one recorded as over in 2012 or absent: the
            # record says otherwise by its test
            if not reasons:
                return _BARE_NONE
            said = "; ".join(decided_false) if decided_false else ("recorded as absent" if denied else "not among the conditions")
            return Outcome(None, f"{self._history_label(r)}: {said}, but the record's {', '.join(shown)}",
                           (f"history: {self._names(r.concepts)}",), "missing_data")
        if decided:
            unread = [e.name for e in self.p.unnamed_events() if (r.category == "any" or e.category == r.category or (
                r.category == "therapy" and e.category == "procedure")) and self._could_be_timed(e, r)]
            # (a key not read that may hold history, 'medications' beside a bortezomib of 2019 against 'Proteasome
            # inhibitor therapy within 14 days': what it holds may be one)
            unread += [f"what '{k}' holds" for k in self.p.history_unread]
            if unread and not denied >= want:
                # an entry the vocabulary does not name, in the window ('Kd' ended 6 days ago, beside bortezomib of 2019,
                # against 'Proteasome inhibitor therapy within 14 days'): it may be one (the known one out of the window had
                # decided it)
                if not reasons:
                    return _BARE_NONE
                return Outcome(None, f"{self._history_label(r)}: {'; '.join(decided_false) or 'none named'}, but whether "
                                     f"{', '.join(unread)} is one is not known (not in the vocabulary)",
                               (f"history: {self._names(r.concepts)}",), "not_understood")
            if not reasons:
                return _BARE_FALSE
            why = "; ".join(decided_false) if decided_false else "recorded as absent"
            return Outcome(False, f"{self._history_label(r)}: {why}")
        if self.closed:
            unread = [e.name for e in self.p.unnamed_events() if (r.category == "any" or e.category == r.category or (
                # ('radiotherapy to spine' among the procedures, against a rule on radiotherapy: a therapy recorded there)
                r.category == "therapy" and e.category == "procedure"))]
            if unread:
                # a complete record whose entry the vocabulary does not name ('squamous cell carcinoma of the lung'):
                # it may be what the criterion asks about
                if not reasons:
                    return _BARE_NONE
                return Outcome(None, f"{self._history_label(r)}: not named in the record, but whether "
                                     f"{', '.join(unread)} is one is not known (not in the vocabulary)",
                               (f"history: {self._names(r.concepts)}",), "not_understood")
            wider = [e.name for e in self.p.events if e.present and e.term is None and e.classes
                     and (r.category == "any" or e.category == r.category) and not (e.classes & want)
                     # (bendamustine recorded with its class 'chemotherapy' only, against 'alkylating agent'; its own
                     # class, not one it shares far up with the asked one: a BTK inhibitor is no kind of fludarabine)
                     and any(w in self.v.terms and self._own_classes(e) & self.v.terms[w].ancestors for w in wanted)
                     and self._could_be_timed(e, r)]
            wider += [e.name for e in self.p.events if e.present and e.term is not None and (r.category == "any" or e.category == r.category)
                     and not (e.classes & want) and (
                         self.v.kinds_below.get(e.term.id, frozenset()) & want if e.category == "condition"
                         # (a therapy's 'kinds' would take in the regimens that hold it: only a wider therapy named, or a
                         # class some kinds of which are of the one asked: 'CAR-T' against 'BCMA-directed therapy')
                         else any(c != e.term.id and c in self.v.terms and e.term.id in self.v.terms[c].ancestors for c in wanted)
                         or bool(self.v.therapy_kinds_below.get(e.term.id, frozenset()) & want))
                     and self._could_be_timed(e, r)]
            wider += [f"{e.name} (among the {e.category} entries)" for e in self.p.events
                      if e.present and r.category != "any" and e.category != r.category
                      and (t := e.term) is not None and t.category == r.category
                      and t.ancestors & want and self._could_be_timed(e, r)]
            # (a bare 'stem cell transplant' against 'Prior cellular therapy': perhaps an allogeneic one, which may be)
            wider += [e.name for e in self.p.events if e.present and e.term is not None and e.category == "procedure"
                      and r.category in ("therapy", "procedure", "any") and not (e.classes & want)
                      and self.v.maybe_below.get(e.term.id, frozenset()) & want and self._could_be_timed(e, r)]
            # ('autologous stem cell transplant' among the conditions against 'Prior ASCT': the record holds it, in
            # another list; read for its list's kind it names nothing, and the complete record had passed)
            if r.category in ("condition", "any") and want & self._spread_kinds():
                wider += [f"{e.name} ({e.status})" if e.status else e.name for e in self.p.events
                          if e.present and e.category == "condition" and _SPREAD.search(f"{e.name} {e.status}")
                          # (not a metastasis whose site the record names, 'leptomeningeal metastases': its synonym
                          # 'leptomeningeal carcinomatosis' says no more)
                          and not (e.term is not None and e.term.ancestors & _SPREAD_ROOTS and e.term.id != "distant_metastases")]
            if wider:
                # 'chronic kidney disease' recorded against 'No renal insufficiency', 'cerebrovascular disease' against
                # 'No history of stroke', 'insulin-dependent diabetes' against 'No autoimmune disease' (a type 1 diabetes
                # is one): a kind on record some kinds of which are the one asked about may be one
                if not reasons:
                    return _BARE_NONE
                return Outcome(None, f"{self._history_label(r)}: the record names {', '.join(wider)}, which may be one",
                               (f"history: {self._names(r.concepts)}",), "missing_data")
            if not reasons:
                return _BARE_FALSE
            # ('No hypertension or arrhythmia in the past 6 months', a hypertension of April: say what the record holds)
            held = f"{'; '.join(decided_false)}; the rest " if decided_false else ""
            return Outcome(False, f"{self._history_label(r)}: {held}not in the record (closed world)")
        if not reasons:
            return _BARE_NONE
        not_read = f" (not read: {', '.join(repr(k) for k in self.p.history_unread)})" if self.p.history_unread else ""
        return Outcome(None, f"{self._history_label(r)}: not mentioned in the record{not_read}",
                       (f"history: {self._names(r.concepts)}",), "missing_data")

    def _spread_kinds(self) -> frozenset[str]:
        """Sites of spread a cancer recorded as metastatic or stage IV may have reached ('No distant metastases', 'Known
        brain metastases', 'if liver metastases are present')."""
        kinds = self.__dict__.get("_spread_kinds_cache")
        if kinds is None:
            roots = _SPREAD_ROOTS & set(self.v.terms)
            kinds = self.__dict__["_spread_kinds_cache"] = frozenset(t for t, term in self.v.terms.items() if term.ancestors & roots)
        return kinds

    def _own_classes(self, e: Event) -> frozenset[str]:
        """The narrowest classes of an item known only by its classes (its 'class' field, not the classes above it)."""
        v = self.v
        return frozenset(c for c in e.classes if not any(c != d and d in v.terms and c in v.terms[d].ancestors for d in e.classes))

    def _could_be_timed(self, e: Event, r: ir.History) -> bool:
        """Whether an event, were it of the kind asked about, could meet the rule's window and time ('immunosuppressive
        therapy' that ended in 2010 is no chemotherapy within 4 weeks, whatever it was)."""
        if r.window is not None and self._in_window(e, r.window)[0] is False:
            return False
        last = e.end or e.start
        return not (r.status == "active" and not e.ongoing and e.end_recorded and last is not None and last.latest < self.as_of)

    def _shown_by_findings(self, wanted: list[str]) -> list[str]:
        """What in the record's values shows a condition of the wanted kinds: a positive finding ('HBsAg positive' for
        hepatitis B or viral hepatitis), a value past a limit ('creatinine 3.4 mg/dL > 1 × ULN' for renal impairment)."""
        found = _shown_by_specs(self.v, tuple(wanted))
        if not found:
            return []  # (most classes: nothing in the values shows them)
        out = []
        for f in found:
            said = self._shown.get(f, "?")
            if said == "?":
                said = self._shown[f] = self._shown_by(f)
            if said:
                out.append(said)
        return out

    def _shown_by(self, f: str) -> str:
        """What the record says of one `shown_by` entry, when it shows the condition ('HBsAg positive'); '' if not."""
        limit = _shown_by_limit(f)
        if limit is None:
            obs = self.value(f)[0]
            # (an unclear result, 'weakly reactive', '<20 IU/mL', two that differ, may show it too: not nothing on record)
            return f"{self._concept(f).name} {obs.value}" if obs is not None and obs.value in ("positive", "indeterminate") else ""
        # 'creatinine > ULN' against a complete record without renal impairment: its creatinine of 3.4 mg/dL says it
        concept, op, bound = limit
        if self.p.latest(concept) is None and concept not in _DERIVED_FROM:
            return ""  # (no value and none to derive: nothing shown)
        obs = self.value(concept)[0]
        if obs is None:
            return ""
        if obs.convertible and isinstance(obs.value, float) and not obs.comparator:
            # (the plain cases without building a rule: a number against a number, or against its own ULN/LLN)
            ref = float(bound) if bound not in ("ULN", "LLN") else obs.uln if bound == "ULN" else obs.lln
            if ref is not None:
                past = obs.value > ref if op == ">" else obs.value >= ref if op == ">=" else obs.value < ref if op == "<" else obs.value <= ref
                if not past:
                    return ""
                shown = f"{format_number(obs.value)} {obs.unit}".strip()
                return f"{self._concept(concept).name} {shown} {_SYMBOL[op]} {bound}"  # type: ignore[index]
        got = self.evaluate(_shown_by_rule(f, self._concept(concept).unit))
        if got.value is None and self.p.latest(concept) is not None:
            # (a value on record that may show it, undecided: 'creatinine clearance <56 mL/min' beside 58 of the same day;
            # read as nothing shown, a complete record denied the renal impairment)
            return f"{got.reason} (perhaps)"
        return got.reason if got.value is True else ""

    def _names(self, ids: list[str]) -> str:
        return ", ".join(self.v.terms[t].name if t in self.v.terms else t for t in ids)

    def _history_label(self, r: ir.History) -> str:
        label = f"{'other ' if r.other else ''}{ir.qualifier_phrase(r.qualifiers, self._names(r.concepts))}"
        if r.excluding:
            # ('radiotherapy (not palliative radiotherapy)': an excepted kind with what it must be)
            label += " (not " + ", ".join(ir.qualifier_phrase(r.excluding_qualifiers.get(x, []), self._names([x])) for x in r.excluding) + ")"
        if r.min_grade is not None:
            label = f"grade ≥{r.min_grade} {label}"
        if r.window is not None:
            label += f" within {format_number(r.window.amount)} {r.window.unit}s"
        return label

    _REFRACTORY_ON_SAID = re.compile(
        r"(?i)^\s*(?:primary\s+|double[-\s]|triple[-\s]|penta[-\s])?refractory\s*(?=$|[,;(.])|"
        r"\brefractory\s+to\s+(?:it|this|the\s+(?:last\s+)?(?:line|regimen|treatment|therapy))\s*(?=$|[,;(.])|"
        r"\b(?:progress(?:ed|ion)|progressive\s+disease|pd)\s+(?:on|during|while\s+on)\s+(?:treatment|therapy|it|maintenance|"
        r"the\s+(?:regimen|line|drug|treatment|therapy))\s*(?=$|[,;(.])")
    """A course's status that says its disease was refractory to it, with no time after it ('progression within 60
    days' is refractory by the myeloma definition only): for refractoriness to a named therapy, in any cancer."""
    _REFRACTORY_SAID = re.compile(_REFRACTORY_ON_SAID.pattern + r"|\bprogress(?:ed|ion)\s+within\s+60\s+days\b")
    """A line's status that says it was refractory ('refractory', 'progressed on treatment', and the myeloma definition's
    'progression within 60 days'); not a disease label ('relapsed/refractory') nor refractoriness to a drug ('refractory
    to lenalidomide', which may be of another line)."""
    _NOT_REFRACTORY_SAID = re.compile(r"(?i)^\s*(?:not\s+refractory|non-refractory|(?:drug-)?sensitive|responsive|in\s+ongoing\s+response|"
                                      r"ongoing\s+response)\s*$")
    _NEGATED_SAID = re.compile(r"(?i)\b(?:not|non|never|no|wasn'?t|isn'?t|without)\b[-\s\w]{0,30}?\b(?:refractory|progress\w*|respon\w*)|"
                               r"\?|\bunknown\b|\bunconfirmed\b|\bto\s+be\s+confirmed\b|\bpossibl\w*|\bprobabl\w*|\bsuspect\w*|"
                               r"\bunclear\b|\bquer(?:y|ied)\b|-\s*no\b")
    _PROGRESSED_SAID = re.compile(r"(?i)\b(?:progress\w*|PD|relaps\w*|refractory|no\s+response|non-?respon\w*|failed)\b")
    _LINE_CLASSES = frozenset({"systemic_anticancer_therapy", "anti_myeloma_therapy", "chemotherapy", "immunotherapy",
                               "targeted_therapy", "car_t", "cell_therapy", "hsct", "investigational_agent"})

    def _refractory_to(self, r: ir.Refractory, section: str) -> Outcome:
        """Refractory to a therapy or class in any line ('refractory to lenalidomide'): never given, never refractory; a
        course of it whose status says refractory ('refractory', 'progressed on treatment') makes it so; any other record
        leaves it open (a course sensitive to it says nothing of another course)."""
        names = self._names(r.concepts) + (f" (not {self._names(r.excluding)})" if r.excluding else "")
        given = self._history(ir.History(category="therapy", concepts=list(r.concepts), excluding=list(r.excluding), span=r.span),
                              section)
        if given.value is False:
            return Outcome(False, f"refractory to {names}: not given ({given.reason})")
        by_class, _ = self.p.event_index()
        # (a course of an excepted kind does not count; one the record names only by a wider kind, 'IMiD', may be one:
        # not matched, so it never makes the patient refractory)
        hist = ir.History(category="therapy", concepts=[], excluding=list(r.excluding), span=r.span)
        seen: set[int] = set()
        for c in r.concepts:
            for e in by_class.get(c, ()):
                if id(e) in seen or e.category != "therapy" or e.term is None or not (c == e.term.id or c in e.term.certain):
                    continue
                seen.add(id(e))
                said = f"{e.status} {e.response}".strip()
                if self._NEGATED_SAID.search(said) or self._matches(e, hist.model_copy(update={"concepts": [c]})) is not True:
                    continue  # (a course not yet given by the screening date, a planned one: no refractoriness)
                if c in e.doubtful:
                    continue  # ('VRd (lenalidomide omitted)', refractory: to what it held, not said to hold lenalidomide)
                if (_MAINTENANCE.search(e.name) or _MAINTENANCE.search(e.status)) and c not in self._maintenance_classes(e):
                    # ('VRd induction, ASCT, lenalidomide maintenance', 'progressed on maintenance': refractory to the drug
                    # of the maintenance, not to the induction's, stopped months before; read as the whole course's, the
                    # patient was refractory to bortezomib)
                    continue
                if self._REFRACTORY_ON_SAID.search(e.status) or self._REFRACTORY_ON_SAID.search(e.response):
                    return Outcome(True, f"refractory to {names}: {e.name}: {said}")
        return Outcome(None, f"refractory to {names}: no course of it recorded as refractory ({given.reason})",
                       (f"response to {names}",), "missing_data")

    def _maintenance_classes(self, e: Event) -> frozenset[str]:
        """The classes of the drug a course's name or status gives as its maintenance ('lenalidomide maintenance',
        'maintenance with lenalidomide'); none when none is named ('R maintenance', 'progressed on maintenance')."""
        out: frozenset[str] = frozenset()
        for text in (e.name, e.status):
            for m in _MAINTENANCE.finditer(text):
                for s0, e0, t in self.v.find_terms(text):
                    if t not in self.v.terms or self.v.terms[t].category != "therapy":
                        continue
                    if (e0 <= m.start() and re.fullmatch(r"[\s-]*", text[e0 : m.start()])) or (
                            s0 >= m.end() and re.fullmatch(r"(?i)\s*(?:with|of|:|-)?\s*(?:single[\s-]agent\s+)?", text[m.end() : s0])):
                        out |= self.v.terms[t].ancestors
        return out

    def _refractory(self, r: ir.Refractory, section: str) -> Outcome:
        """Refractory to the last line: the record's status of that line says so ('refractory', 'progressed on
        treatment'), or says it is not; a best response alone ('VGPR', 'SD') does not tell whether the disease progressed
        on it or within 60 days of it."""
        if r.scope == "therapy":
            return self._refractory_to(r, section)
        lines = [e for e in self.p.events if e.category == "therapy" and e.present and (e.line is not None or e.start or e.end)]
        if not lines:
            return Outcome(None, "refractory to the last line: no therapy lines in the record", ("therapies with line and response",),
                           "missing_data")
        top = max((e.line for e in lines if e.line is not None), default=None)
        if top is not None:
            last = [e for e in lines if e.line == top]
            when = max(((e.end or e.start).latest for e in last if (e.end or e.start)), default=None)  # type: ignore[union-attr]
            later = [e.name for e in lines if e.line is None and (e.end or e.start) and when is not None
                     and (e.start or e.end).latest > when  # type: ignore[union-attr]
                     and (e.unnamed or (e.classes - e.by_indication) & self._LINE_CLASSES)]  # (not a bone agent, a steroid)
            later += [e.name for e in self.p.events if e.category == "procedure" and e.present
                      and (_maybe_line_procedure(e) or (e.classes - e.by_indication) & self._LINE_CLASSES)
                      and not (e.status and (_not_happened(e.status) or _planned(e.status)))
                      and ((e.line is not None and e.line > top) or (e.line is None and (e.end or e.start) and when is not None
                                                                     and (e.start or e.end).latest > when))]  # type: ignore[union-attr]
            if later:
                # (a therapy with no line number given after the highest numbered line may be the last line; so may a
                # transplant, numbered or not, after it)
                return Outcome(None, f"the last line is not said: {', '.join(later)} came after line {top}, and may be the "
                                     "last line", ("line of each therapy",), "missing_data")
        else:
            latest = max((e.end or e.start).latest for e in lines if (e.end or e.start))  # type: ignore[union-attr]
            last = [e for e in lines if (e.end or e.start) and (e.end or e.start).latest == latest]  # type: ignore[union-attr]
            first_end = min((e.end or e.start).earliest for e in last)  # type: ignore[union-attr]
            rivals = [e.name for e in lines if e not in last and (e.end or e.start)
                      and (e.end or e.start).latest >= first_end  # type: ignore[union-attr]
                      and (e.unnamed or (e.classes - e.by_indication) & self._LINE_CLASSES)]
            if rivals:
                # ('DPd' ended in 2025 and 'KRd' in 2025-09: which ended last, with the year alone written, is not said; by
                # the latest day it may be, DPd was the last line)
                return Outcome(None, f"the last line is not said: {', '.join(sorted({e.name for e in last}))} and "
                                     f"{', '.join(rivals)} may have ended in either order", ("end date of each therapy",),
                               "missing_data")
        if not self.closed and not any(e.ongoing or (e.end is None and e.start is not None and not e.end_recorded) for e in last):
            # (a record not taken as complete may leave a later line out, as the count of lines is a least count: the
            # highest recorded line, over, need not be the last)
            return Outcome(None, f"the last line is not said: a later line than {', '.join(sorted({e.name for e in last}))} may be "
                                 "missing from a record not taken as complete", ("the therapies since", "response to the last line"),
                           "missing_data")
        names = ", ".join(sorted({e.name for e in last}))
        said = "; ".join(x for x in dict.fromkeys(f"{e.status} {e.response}".strip() for e in last) if x)
        # (a response that says it progressed, 'PD during cycle 3', 'progressed on carfilzomib', contradicts 'not refractory':
        # left to the reading below, which leaves it open)
        if last and all(self._NOT_REFRACTORY_SAID.search(e.status) and not self._REFRACTORY_SAID.search(e.response)
                        and not self._NEGATED_SAID.search(e.response) and not self._PROGRESSED_SAID.search(e.response)
                        for e in last):
            # ('not refractory', 'sensitive': the line was not; read before the denials below, 'not refractory' was left open)
            return Outcome(False, f"last line ({names}): {said}" + ("" if "refractory" in said.lower() else ", not refractory"))
        if any(self._NEGATED_SAID.search(f"{e.status} {e.response}") for e in last):
            pass  # ('not primary refractory', 'no progression on treatment', 'not responsive': not read either way)
        elif any(self._REFRACTORY_SAID.search(e.status) or self._REFRACTORY_SAID.search(e.response) for e in last):
            return Outcome(True, f"last line ({names}): {said}")
        elif last and all(self._NOT_REFRACTORY_SAID.search(e.status) for e in last):
            return Outcome(False, f"last line ({names}): {said}, not refractory")
        return Outcome(None, f"last line ({names}): {said or 'nothing recorded'} does not say whether it was refractory (a best "
                             "response does not say whether the disease progressed on it or within 60 days)",
                       ("response to the last line",), "missing_data")

    # -- logic ---------------------------------------------------------------------------
    def _all_of(self, r: ir.AllOf, section: str) -> Outcome:
        outs = [self.evaluate(i, section) for i in r.items]
        value: Tri = True
        for o in outs:
            value = and3(value, o.value)
        return _merge(value, outs, "and")

    def _any_of(self, r: ir.AnyOf, section: str) -> Outcome:
        outs = [self.evaluate(i, section) for i in r.items]
        value: Tri = False
        for o in outs:
            value = or3(value, o.value)
        return _merge(value, outs, "or")

    def _at_least(self, r: ir.AtLeast, section: str) -> Outcome:
        outs = [self.evaluate(i, section) for i in r.items]
        t = sum(o.value is True for o in outs)
        u = sum(o.value is None for o in outs)
        value: Tri = True if t >= r.n else (False if t + u < r.n else None)
        o = _merge(value, outs, "and")
        return Outcome(value, f"{t} of {len(outs)} met (need {r.n}): {o.reason}", o.missing, o.slug)

    def _not(self, r: ir.Not, section: str) -> Outcome:
        o = self.evaluate(r.item, section)
        # 'not:' marks what an unknown would have to be false; unread text is unread either way
        prefix = "not: " if o.value is None and not isinstance(r.item, ir.FreeText) else ""
        return Outcome(not3(o.value), prefix + o.reason, o.missing, o.slug)

    def _except(self, r: ir.Except, section: str) -> Outcome:
        rule = self.evaluate(r.rule, section)
        exc = self.evaluate(r.exception, section)
        alt = self.evaluate(r.alternative, section) if r.alternative is not None else Outcome(r.otherwise, "")
        # (rule ∧ ¬exc) ∨ (exc ∧ alt) ∨ (rule ∧ alt)
        value = or3(or3(and3(rule.value, not3(exc.value)), and3(exc.value, alt.value)), and3(rule.value, alt.value))
        parts = [rule]
        if exc.value is not False:
            parts.append(Outcome(exc.value, f"exception: {exc.reason}", exc.missing, exc.slug))
            if r.alternative is not None:
                parts.append(Outcome(alt.value, f"alternative: {alt.reason}", alt.missing, alt.slug))
        return _merge(value, parts, ";")

    def _free_text(self, r: ir.FreeText, section: str) -> Outcome:
        why = {
            "consent": "consent is given at the site, not recorded in patient data",
            "willingness": "willingness and compliance are judged at the site",
            "needs_judgement": "depends on the investigator's judgement",
            "unsupported": "not something the patient record holds",
            "definition": "a definition the library does not evaluate",
        }.get(r.reason, "not understood by the grammar")
        text = r.text if len(r.text) <= 80 else r.text[:77] + "…"
        return Outcome(None, f"“{text}”: {why}", (), r.reason)

    def _cohort(self, r: ir.Cohort, section: str) -> Outcome:
        said = self.p.cohort
        if said is None:
            return Outcome(None, f"only for {r.label}: the trial group the patient is screened for is not recorded",
                           ("cohort",), "missing_data")
        read = ir.group_label(said)
        if read is None or read[0] != r.group:
            # ('Arm H' against 'Expansion phase Arms E and F', 'Cohort 2' against 'Part A'): the record names its group
            # otherwise than the label does, which may or may not take it in
            return Outcome(None, f"only for {r.label}: cohort '{said}' is not named the way the label names its groups",
                           (), "not_understood")
        inside = [n in r.names for n in read[1]]
        if all(inside):
            return Outcome(True, f"cohort '{said}' is one of {r.label}")
        shapes = {_name_shape(n) for n in (*read[1], *r.names)}
        if r.lettered:
            shapes = {"letters" if x == "either" else x for x in shapes}  # ('Arm H' against a trial's 'Arm I' of A to J)
        elif shapes in ({"either"}, {"either", "roman"}):
            shapes = {"roman"}  # ('Arm II' against 'Arm I': numerals, whichever 'I' is; not 'Arm A' against 'Arm I')
        if not any(inside) and len(shapes) == 1:
            return Outcome(False, f"cohort '{said}' is none of {r.label}")
        if not any(inside):
            # ('Cohort 2A' against 'Cohort 2', 'Arm 2' against 'Arm II', 'Cohort A' against 'Cohort 1': a part of the group,
            # or the group written another way, perhaps; read as another group, the criterion bound no one of it)
            return Outcome(None, f"only for {r.label}: cohort '{said}' is not named the way the label names its groups",
                           (), "not_understood")
        return Outcome(None, f"cohort '{said}' names groups both in and out of {r.label}", (), "not_understood")

    def _no_requirement(self, r: ir.NoRequirement, section: str) -> Outcome:
        if r.why == "permission":
            return Outcome(section != "exclusion", "a permission, not a requirement")
        return Outcome(section != "exclusion", "a heading, not a requirement")


def _name_shape(name: str) -> str:
    """How a group's name is written: a number ('2'), a Roman numeral ('II'), a letter that may be either ('I', 'V',
    'X'), letters ('B'), or both ('2A')."""
    if name.isdigit():
        return "number"
    if name in ("I", "V", "X"):
        return "either"
    if re.fullmatch(r"[IVX]{2,}", name):
        return "roman"
    return "letters" if name.isalpha() else "both"


def _low_only(name: str, shown: str, limit: str, above: bool = False) -> Outcome:
    """A value below the lower limit of one that is abnormal only when raised ('Bilirubin normal'), or above the upper
    limit of one abnormal only when lowered ('LVEF normal')."""
    return Outcome(None, f"{name} {shown} is {'above' if above else 'below'} the {limit}: whether 'normal' asks more "
                         f"than that it not be {'lowered' if above else 'raised'} is not said")


def _censored_unknown(name: str, obs: Obs, what: str = "") -> Outcome:
    return Outcome(None, f"{name} {_censored_said(obs)}{what}", (f"{name} (exact value)",), "missing_data")


def _unrepeated(reasons: list[str]) -> str:
    """The reasons joined by '; ', each part said once ('PE: not mentioned in the record' from both readings of a hedge);
    a part is cut only at a '; ' outside quoted criterion text."""
    if len(reasons) < 2:
        return reasons[0] if reasons else ""
    parts: dict[str, None] = {}
    for r in reasons:
        if "; " not in r:
            parts.setdefault(r, None)
            continue
        depth, start = 0, 0
        for i, ch in enumerate(r):
            if ch == "“":
                depth += 1
            elif ch == "”":
                depth = max(0, depth - 1)
            elif ch == ";" and depth == 0 and r.startswith("; ", i):
                parts.setdefault(r[start:i], None)
                start = i + 2
        parts.setdefault(r[start:], None)
    return "; ".join(parts)


def _merge(value: Tri, outs: list[Outcome], joiner: str) -> Outcome:
    """Reasons and missing data of the children that decide `value` (all of them when unknown)."""
    if value is None:
        chosen = [o for o in outs if o.value is None]
    else:
        chosen = [o for o in outs if o.value is value] or outs
    reason = _unrepeated([o.reason for o in chosen if o.reason])
    missing: list[str] = []
    for o in chosen:
        for m in o.missing:
            if m not in missing:
                missing.append(m)
    slug = next((o.slug for o in chosen if o.slug), "")
    return Outcome(value, reason, tuple(missing), slug)
