# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.0.4.0: the first arrival and the refusal of each delivered copy are kept as
facts (received_on, refused_on). For lines that already have such a status the best
known date is the date of that status."""


def migrate(cr, version):
    cr.execute("""
        UPDATE vn_document_delivery
           SET received_on = status_date
         WHERE received_on IS NULL
           AND state IN ('received', 'registered', 'assigned', 'in_progress',
                         'done')""")
    cr.execute("""
        UPDATE vn_document_delivery SET refused_on = status_date
         WHERE refused_on IS NULL AND state = 'returned'""")
