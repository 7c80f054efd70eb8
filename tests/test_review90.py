"""Review 90: wrong decided answers the records change (history aliases, unread-key placeholders) and the round-89 fixes
introduced or failed to prevent. Each test fails on the change under review."""

from _screening import never

LINES = [{"name": "VRd", "line": 1, "start": "2024-01-01", "end": "2024-06-01"},
         {"name": "KRd", "line": 2, "start": "2025-01-01", "end": "2025-06-01", "status": "refractory"}]


# S1: a condition alias list (past medical history, problem list) holding a therapy or procedure entry
def test_s1_pmh_transplant_entry_keeps_prior_asct_open():
    never("Prior autologous stem cell transplant", "exclusion", {"past_medical_history": ["s/p ASCT 2022"]}, "match")


def test_s1_problem_list_chemotherapy_entry_keeps_prior_chemotherapy_open():
    never("Prior chemotherapy", "exclusion",
          {"problem_list": ["Personal history of antineoplastic chemotherapy"]}, "match")


# S2: a transplant in a treatment-history list that the therapy reader names nothing of
def test_s2_treatment_history_asct_with_year():
    never("Prior autologous stem cell transplant", "exclusion", {"treatment_history": ["VRd", "ASCT 2022"]}, "match")


def test_s2_treatment_history_asct_with_year_inclusion():
    never("Prior autologous stem cell transplant", "inclusion", {"treatment_history": ["VRd", "HDM-ASCT"]}, "fail")


# S3: an unread list (placeholders) does not keep line counts or the last line open
def test_s3_unread_current_medications_line_count_at_least():
    never("Must have received at least 3 prior lines of therapy", "inclusion",
          {"therapies": LINES, "current_medications": ["pomalidomide 4 mg", "dexamethasone 40 mg weekly"]}, "fail")


def test_s3_unread_current_medications_line_count_at_most():
    never("No more than 2 prior lines of therapy", "inclusion",
          {"therapies": LINES, "current_medications": ["pomalidomide 4 mg", "dexamethasone 40 mg weekly"]}, "match")


def test_s3_unread_oncology_history_last_line():
    never("Refractory to the last line of therapy", "inclusion",
          {"therapies": LINES, "oncology_history": [{"name": "DPd", "line": 3, "start": "2025-07-01", "end": "2026-09-01",
                                                     "response": "VGPR"}]}, "match")


# S4: a current medication (alias 'medications', undated) is not weighed as the last line
def test_s4_medications_current_line_not_last():
    never("Refractory to the last line of therapy", "inclusion",
          {"therapies": LINES, "medications": ["pomalidomide 4 mg", "dexamethasone 40 mg weekly"]}, "match")


# S5: a medication list entry's 'date' read as a one-day dose: a listed current steroid passes 'current use'
def test_s5_medication_list_date_not_a_single_dose():
    never("Current use of systemic corticosteroids", "exclusion",
          {"medications": [{"name": "prednisone 10 mg daily", "date": "2025-06-01"}]}, "match")


def test_s5_medication_list_date_ongoing():
    never("Ongoing treatment with corticosteroids", "exclusion",
          {"medications": [{"name": "prednisone 10 mg daily", "date": "2025-06-01"}]}, "match")


# S6: a scalar key not read that names a condition or therapy leaves the closed world deciding
def test_s6_hiv_status_key():
    never("Known HIV infection", "exclusion", {"hiv_status": "positive"}, "match")


def test_s6_prior_transplant_key():
    never("Prior autologous stem cell transplant", "exclusion", {"prior_transplant": "yes"}, "match")


def test_s6_stroke_key():
    never("History of stroke", "exclusion", {"stroke": "2019"}, "match")


# S7: _SYSTEMIC_ROUTE reads 'oral' of a mouthwash and 'systemic' in a denial as a systemic route
def test_s7_dexamethasone_mouthwash_oral_route():
    never("Current use of systemic corticosteroids", "exclusion",
          {"medications": [{"name": "dexamethasone mouthwash", "route": "oral", "status": "active"}]}, "fail")


def test_s7_no_systemic_in_status():
    never("No prior systemic chemotherapy", "inclusion",
          {"therapies": [{"name": "intravesical mitomycin", "status": "completed, no systemic treatment",
                          "date": "2025-01-01"}]}, "fail")


# S8: _ABOUT_IT_AND_MORE: a positive anywhere after, of another person or test, reads the prophylaxis as the infection
def test_s8_pep_source_positive():
    never("Known HIV infection", "exclusion", {"conditions": ["HIV post-exposure prophylaxis, source patient positive"]}, "fail")


def test_s8_prep_partner_positive():
    never("Known HIV infection", "exclusion", {"conditions": ["HIV PrEP, partner HIV positive"]}, "fail")


def test_s8_screening_other_test_positive():
    never("Known HIV infection", "exclusion", {"conditions": ["HIV screening, hepatitis C antibody positive"]}, "fail")


# S9: _HEPATITIS_ANTIBODY: 'RNA 0 IU/mL' (a digit) read as the virus found
def test_s9_hcv_rna_zero():
    never("Known hepatitis C infection", "exclusion",
          {"conditions": ["HCV antibody positive, RNA 0 IU/mL (SVR after treatment)"]}, "fail")


def test_s9_hbv_dna_zero():
    never("Known hepatitis B infection", "exclusion",
          {"conditions": ["hepatitis B core antibody positive (HBsAg negative; HBV DNA 0 IU/mL)"]}, "fail")


# S10: _LOAD_BELOW: a 'positive' of an antibody after the load under a limit reads it as the infection
def test_s10_load_below_then_antibody_positive():
    never("Known hepatitis B infection", "exclusion",
          {"conditions": ["HBV DNA < 20 IU/mL, HBsAg negative, anti-HBc positive"]}, "fail")


# S11: _TESTED_CLEAR after a comma: a clear HIV test read as HIV had
def test_s11_hiv_comma_elisa_nonreactive():
    never("Known HIV infection", "exclusion", {"conditions": ["HIV, ELISA non-reactive"]}, "fail")


def test_s11_hiv_comma_rapid_test_negative():
    never("Known HIV infection", "exclusion", {"conditions": ["HIV, rapid test negative 2026-10-01"]}, "fail")


# S12: a standard route name for the skin ('cutaneous') read as systemic
def test_s12_cutaneous_route():
    never("Current use of systemic corticosteroids", "exclusion",
          {"medications": [{"name": "hydrocortisone", "route": "cutaneous", "status": "active"}]}, "fail")
