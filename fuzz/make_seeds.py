#!/usr/bin/env python3
"""Writes the seed corpus in fuzz/corpus/ from the route table's source and
the bundled files, so seeds follow the code. Run from the repository root;
libFuzzer adds what it finds to the build tree, never here."""
import json, pathlib, re

root = pathlib.Path(__file__).resolve().parent.parent
corpus = root / "fuzz" / "corpus"

def write(target, name, data):
    d = corpus / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())

adult = {"kind": "care_home_nursing", "needs": ["nursing", "dementia"], "age": 82, "home_postcode": "B44 8DD",
         "max_distance_miles": 10, "urgency": "today", "hours_per_week": 0, "min_rating": "good",
         "person": {"name": "A Person", "date_of_birth": "1944-03-02", "nhs_number": "9434765919"}}
pds_case = json.loads((root / "tests/cases/pds/01_complete_referral.json").read_text())
bodies = {
    "referral_adult": adult,
    "login": {"email": "officer@birmingham.example", "password": "demo-password-2026"},
    "offer": {"service_id": 1, "price_pence": 95000, "start_date": "2026-12-10", "conditions": "a review"},
    "decline": {"service_id": 1, "reason": "no_vacancy", "note": "full"},
    "award": {"offer_id": 1, "reason": "closest to family"},
    "weights": {"distance": 30, "quality": 30, "price": 20, "continuity": 20},
    "contract": {"model": "soft_block", "reference": "SB-1", "title": "Nursing", "start": "2026-04-01",
                 "end": "2027-03-31", "providers": [2], "kinds": ["care_home_nursing"],
                 "parties": [{"council_id": 1, "share_bp": 10000, "lead": True}], "places": 12,
                 "weekly_price_pence": 98000},
    "vacancies": {"vacancies": 2},
    "nested": {"a": [[[[{"b": [1, 2.5, -3e300, True, None, "\u00e9\u20ac"]}]]]]},
}
for name, body in bodies.items():
    write("json_body_fuzz", name, json.dumps(body))
write("json_body_fuzz", "pds_referral", json.dumps(pds_case))

for p in sorted((root / "tests/cases/pds").glob("*.json")):
    case = json.loads(p.read_text())
    doc = case.get("document", case)
    write("pds_fuzz", p.stem, json.dumps(doc))

write("actuals_csv_fuzz", "plain", "placement_id,contract_id,from,to,days,amount\n1,,2026-04-06,2026-05-03,28,3920.00\n"
      ",7,06/04/2026,03/05/2026,28,\"\u00a31,000.00\"\n")
write("actuals_csv_fuzz", "quoted", "Amount,Days,To,From,Placement_ID,Name\r\n\"12.50\",1,2026-04-06,2026-04-06,3,\"Smith, J\"\r\n")

for target, name in (("cqc_import_fuzz", "cqc_care_homes_trafford_2026-02-25.csv"),
                     ("ofsted_import_fuzz", "ofsted_childrens_social_care_providers_2025-03-31.csv")):
    lines = (root / "data" / name).read_bytes().splitlines(keepends=True)
    write(target, "head", b"".join(lines[:25]))
    write(target, "header_only", lines[0])

forms = {
    "referral": "kind=care_home_nursing&needs=nursing&needs=dementia&age=82&home_postcode=B44+8DD&hours=0"
                "&date_of_birth=1944-03-02&price=%C2%A3950.00&next=%2Freferrals%2F1",
    "sign_in": "email=officer%40birmingham.example&password=x&next=%2F%09%2Fevil.example",
    "decline": "reason=no+vacancy%FF&start=31%2F12%2F2026&weekly=1%2C000.00",
}
for name, form in forms.items():
    write("form_fuzz", name, form)

routes = []
for path in sorted((root / "src/api").glob("routes_*.cpp")):
    routes += re.findall(r'push_back\(\s*\{"(GET|POST|PUT|PATCH)",\s*"(/api/[^"]*)"', path.read_text())
by_path = {"/api/referrals": "referral_adult", "/api/login": "login", "/api/referrals/{id}/offers": "offer",
           "/api/referrals/{id}/declines": "decline", "/api/referrals/{id}/award": "award",
           "/api/settings/weights": "weights", "/api/contracts": "contract", "/api/services/{id}/vacancies": "vacancies"}
for i, (method, path) in enumerate(routes):
    body = json.dumps(bodies[by_path[path]]) if path in by_path and method != "GET" else ("{}" if method != "GET" else "")
    query = "?kind=care_home_nursing&near=B44+8DD&within_miles=10" if path == "/api/services" and method == "GET" else ""
    write("route_input_fuzz", f"{i:02d}", f"{method} {path}\n0\n1{query}\napplication/json\n{body}")
write("route_input_fuzz", "child_referral",
      "POST /api/referrals\n0\n\napplication/json\n" + json.dumps({"age": 14, "home_postcode": "B44 8DD", "pds": pds_case.get("document", pds_case),
                                                                  "person": {"name": "A Child"}}))
write("route_input_fuzz", "actuals", "POST /api/invoices/{id}/actuals\n1\n1\ntext/csv\n" +
      (corpus / "actuals_csv_fuzz" / "plain").read_text())
print(f"{len(routes)} routes")
