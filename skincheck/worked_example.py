"""The worked example: one real-looking ingredient list, saved as an ordinary report under
a fixed, well-known id whenever the database is set up (database.init_database), so that the
start page's "see an example" link works on a fresh database.

The same list is the README's "try it" list and the picture at its top
(tests/web/test_readme_screenshot.py), so all three show one report. It is a made-up
Korean-style "exosome" ampoule, not a real product: a stem-cell conditioned medium, a
plant vesicle, two look-alikes and a preservative that marks the 1 % line.

It rates nothing itself (skincheck.services does) and keeps no other report.
"""

from sqlalchemy.exc import IntegrityError

#: The report's id: /r/example. Random ids are 22 characters (reports.save_report), so
#: none can be this one.
REPORT_ID = "example"
NAME = "Exosome Repair Ampoule"
TEXT = (
    "Water, Butylene Glycol, Glycerin, Niacinamide, "
    "Human Umbilical Cord Mesenchymal Stem Cell Conditioned Media, "
    "Rosa Damascena Callus Extracellular Vesicles, Sodium Hyaluronate, Panthenol, "
    "Bifida Ferment Lysate, sh-Oligopeptide-1, 1,2-Hexanediol, Carbomer, Arginine, "
    "Allantoin, Adenosine, Phenoxyethanol, Ethylhexylglycerin, Disodium EDTA"
)


def save() -> bool:
    """Save the example under REPORT_ID when it is missing, or again when today's
    analysis of it differs from the stored one (a new knowledge base or new wording).
    Returns True when it saved. Runs inside an app context."""
    import orjson

    from skincheck import services
    from skincheck.storage import reports
    from skincheck.storage.db import db
    from skincheck.storage.models import Report

    analysis = services.analyse_text(TEXT, name=NAME)
    stored = reports.get_report(REPORT_ID)
    # Compared as the database hands JSON back (tuples become lists).
    if stored is not None and stored.analysis == orjson.loads(orjson.dumps(analysis)):
        db.session.commit()  # end the read
        return False
    # Deleting the report deletes its ingredient links too (ON DELETE CASCADE).
    db.session.execute(db.delete(Report).where(Report.id == REPORT_ID))
    db.session.commit()
    try:
        reports.save_report(analysis, text=TEXT, name=NAME, report_id=REPORT_ID, listed=True)
    except IntegrityError:
        # Two workers set up the same new database at once, and the other one saved
        # the example first: the same list, analysed by the same code.
        return False
    return True
