# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The outputs of case files (ND 30 Phụ lục VI Part V outputs 5 and 6, III.4.g): the
printed forms of Phụ lục V (file plan, catalogue of the documents of a file, cover,
catalogue of files, handover record), their Excel copies, and the export of a whole
file as one PDF and as XML.

Everything printed is Vietnamese whatever the user's language (it has legal weight):
the templates write it directly and the values below are built in Vietnamese. Every
export is logged in the file's trail."""

from odoo import _, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.pdf import merge_pdf

from odoo.addons.vn_document_base.tools.legal import vn_local_date, vn_now

from ..tools import catalogue_xlsx, file_xml

PDF_MIMETYPE = "application/pdf"
XML_MIMETYPE = "application/xml"
# TT 05/2025 code list "mode", in the words printed and exported.
RIGHTS_VI = {"01": "Công khai", "02": "Sử dụng có điều kiện", "03": "Mật"}
REPORT_COVER = "vn_case_file.action_report_vn_case_file_cover"
REPORT_CATALOGUE = "vn_case_file.action_report_vn_case_file_catalogue"


def date_vn(value):
    """dd/mm/yyyy ('' for none)."""
    return catalogue_xlsx.date_vn(value)


def number_in_words(number):
    """The number in Vietnamese words, capitalised ("Mười hai")."""
    try:
        from num2words import num2words

        words = num2words(number, lang="vi")
    except (ImportError, NotImplementedError):  # pragma: no cover - Odoo ships it
        return str(number)
    return words[:1].upper() + words[1:]


def _safe_name(text):
    return "".join(c if c.isalnum() or c in "._-" else "-" for c in text or "")


def download(records, filename, data, mimetype, private=False):
    """Keep ``data`` as an attachment and return the action that downloads it.

    A private attachment belongs to no record: only the user who made it (and the
    system administrator) may fetch it; used for what holds the documents' originals,
    which being in the file opens to nobody. Otherwise it belongs to the first of
    ``records`` and follows its access. The user's previous export of the same name is
    replaced."""
    env = records.env
    values = {"name": filename, "raw": data, "mimetype": mimetype}
    if not private:
        values.update(res_model=records._name, res_id=records[:1].id)
    Attachment = env["ir.attachment"].sudo()
    Attachment.search(
        [
            ("res_model", "=", values.get("res_model", False)),
            ("res_id", "=", values.get("res_id", 0)),
            ("name", "=", filename),
            ("create_uid", "=", env.uid),
        ]
    ).unlink()
    attachment = Attachment.create(values)
    return {
        "type": "ir.actions.act_url",
        "url": f"/web/content/{attachment.id}?download=true",
        "target": "download",
    }


class VnFilePlan(models.Model):
    _inherit = "vn.file.plan"

    def _vn_plan_rows(self):
        """The rows of the printed plan (ND 30 Phụ lục V): each major heading (Roman
        number), its files, then each of its minor headings (Arabic number) and their
        files, in the plan's order."""
        self.ensure_one()

        def ordered(records):
            return records.sorted(lambda r: (r.sequence, r.id))

        rows = []

        def add_items(heading):
            items = self.item_ids.filtered(lambda i: i.heading_id == heading)
            for item in ordered(items):
                rows.append(
                    {
                        "kind": "item",
                        "notation": item.notation or "",
                        "title": item.title or "",
                        "retention": item.retention_id.name or "",
                        "responsible": item.responsible_id.name or "",
                        "note": item.note or "",
                    }
                )

        majors = ordered(self.heading_ids.filtered(lambda h: not h.parent_id))
        for major in majors:
            rows.append(
                {"kind": "major", "label": major.number_label, "title": major.name}
            )
            add_items(major)
            for minor in ordered(major.child_ids):
                rows.append(
                    {"kind": "minor", "label": minor.number_label, "title": minor.name}
                )
                add_items(minor)
        return rows

    def _vn_decision_line(self):
        """ "(Ban hành kèm theo Quyết định ...)" from the approving decision."""
        self.ensure_one()
        ref = (self.decision_ref or "").strip()
        if not ref:
            return "(Ban hành kèm theo Quyết định số ....... ngày ....... của .......)"
        if ref.lower().startswith("quyết định"):
            return f"(Ban hành kèm theo {ref})"
        return f"(Ban hành kèm theo Quyết định {ref})"


class VnCaseFile(models.Model):
    _inherit = "vn.case.file"

    # ------------------------------------------------------------------
    # Values of the printed forms
    # ------------------------------------------------------------------
    def _vn_lines_in_order(self):
        self.ensure_one()
        return self.line_ids.sorted(lambda line: (line.ordinal, line.id))

    def _vn_catalogue_rows(self):
        """The Mục lục văn bản, tài liệu (ND 30 Phụ lục V.IV): one row per document in
        DocOrdinal order, with its pages within the file (Tờ số/Trang số)."""
        self.ensure_one()
        lines = self._vn_lines_in_order()
        ranges = catalogue_xlsx.page_ranges(lines.mapped("page_count"))
        rows = []
        for line, pages in zip(lines, ranges, strict=True):
            type_name = (line.type_name or "").strip()
            subject = (line.subject or "").strip()
            if type_name and not subject.lower().startswith(type_name.lower()):
                subject = f"{type_name} {subject}".strip()
            rows.append(
                {
                    "ordinal": line.ordinal,
                    "number": "/".join(
                        p for p in (line.code_number, line.code_notation) if p
                    ),
                    "date": line.doc_date or None,
                    "date_text": date_vn(line.doc_date),
                    "subject": subject,
                    "author": line.organ_name or "",
                    "pages": pages,
                    "note": line.note or "",
                }
            )
        return rows

    def _vn_file_row(self, ordinal):
        """The row of this file in a catalogue of files (Mục lục hồ sơ)."""
        self.ensure_one()
        return {
            "ordinal": ordinal,
            "notation": self.file_notation or "",
            "title": self.subject or "",
            "period": catalogue_xlsx.period_vn(self.start_date, self.end_date),
            "retention": self.retention_id.name or "",
            "pages": self.page_total or "",
            "note": self.description or "",
        }

    def _vn_file_rows(self):
        files = self.sorted(lambda c: (c.file_catalog, c.file_notation or "", c.id))
        return [case._vn_file_row(index) for index, case in enumerate(files, start=1)]

    def _vn_cover_values(self):
        self.ensure_one()
        return {
            "start": date_vn(self.start_date) or "..............",
            "end": date_vn(self.end_date) or "..............",
            "rights": RIGHTS_VI.get(self.rights, ""),
        }

    @staticmethod
    def _vn_words(number):
        return number_in_words(number)

    # ------------------------------------------------------------------
    # Downloads
    # ------------------------------------------------------------------
    def _vn_file_name(self, prefix, extension):
        self.ensure_one()
        code = _safe_name(self.file_code or self.file_notation or str(self.id))
        return f"{prefix}-{code}.{extension}"

    # ------------------------------------------------------------------
    # Excel catalogues (Phụ lục VI Part V output 5/6)
    # ------------------------------------------------------------------
    def action_export_catalogue_xlsx(self):
        """The Mục lục văn bản, tài liệu of this file in Excel."""
        self.ensure_one()
        self.check_access("read")
        data = catalogue_xlsx.document_catalogue_workbook(
            {
                "agency": (self.company_id.name or "").upper(),
                "notation": self.file_notation,
                "year": self.file_catalog,
                "title": self.subject,
            },
            self._vn_catalogue_rows(),
        )
        self._trail(_("Catalogue of the documents exported to Excel"))
        return download(
            self,
            self._vn_file_name("muc-luc-van-ban", "xlsx"),
            data,
            catalogue_xlsx.XLSX_MIMETYPE,
        )

    def action_export_file_list_xlsx(self):
        """The Mục lục hồ sơ of the selected files in Excel (from the list)."""
        if not self:
            raise UserError(_("Select the files to list."))
        self.check_access("read")
        companies = self.company_id
        data = catalogue_xlsx.file_catalogue_workbook(
            {
                "agency": (companies[:1].name or "").upper()
                if len(companies) == 1
                else "",
                "title": "MỤC LỤC HỒ SƠ",
                "total_words": number_in_words(len(self)),
            },
            self._vn_file_rows(),
        )
        for case in self:
            case._trail(_("Listed in a catalogue of files exported to Excel"))
        return download(
            self, "muc-luc-ho-so.xlsx", data, catalogue_xlsx.XLSX_MIMETYPE, private=True
        )

    # ------------------------------------------------------------------
    # The whole file as one PDF (III.4.g)
    # ------------------------------------------------------------------
    def _vn_check_documents_readable(self):
        """Being in a file never widens who may open a document: the user must be
        allowed to read every document of the file."""
        self.ensure_one()
        refused = []
        for line in self._vn_lines_in_order():
            document = line._vn_document()
            if not document.exists() or not document.has_access("read"):
                refused.append(f"{line.ordinal}. {line.display_name}")
        if refused:
            raise AccessError(
                _(
                    "You may not read every document of the file %(file)s, so it "
                    "cannot be exported whole. The documents you may not read:\n"
                    "%(docs)s",
                    file=self.display_name,
                    docs="\n".join(refused),
                )
            )

    def action_export_pdf(self):
        """The whole file as one PDF: the cover, the catalogue of its documents, then
        every document's original in DocOrdinal order. The originals are read, never
        changed; each is logged as exported."""
        self.ensure_one()
        self.check_access("read")
        self._vn_check_documents_readable()
        lines = self._vn_lines_in_order()
        originals = []
        missing = []
        for line in lines:
            original = line.sudo().original_file_id
            raw = original.attachment_id.raw if original else b""
            if not raw or original.mimetype != PDF_MIMETYPE:
                missing.append(f"{line.ordinal}. {line.display_name}")
                continue
            originals.append((line, original, raw))
        if missing:
            raise UserError(
                _(
                    "These documents of the file have no PDF original, so the file "
                    "cannot be exported as one PDF:\n%(docs)s",
                    docs="\n".join(missing),
                )
            )
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        # the cover and the catalogue carry the print mark (III.6.k) from the report;
        # the originals get it here (the stored originals are only read)
        cover, _kind = Report._render_qweb_pdf(REPORT_COVER, self.ids)
        catalogue, _kind = Report._render_qweb_pdf(REPORT_CATALOGUE, self.ids)
        marked = [
            Report._vn_mark_pdf(raw, self.company_id) for _l, _o, raw in originals
        ]
        try:
            data = merge_pdf([cover, catalogue] + marked)
        except Exception as error:
            raise UserError(
                _(
                    "The documents' PDF files could not be put together: %(why)s",
                    why=error,
                )
            ) from error
        Log = self.env["vn.document.access.log"]
        for line, original, _raw in originals:
            Log._log("export", line.res_model, line.res_id, original)
        self._trail(_("Exported to PDF"))
        return download(
            self, self._vn_file_name("ho-so", "pdf"), data, PDF_MIMETYPE, private=True
        )

    # ------------------------------------------------------------------
    # The metadata as XML (III.4.g)
    # ------------------------------------------------------------------
    def _vn_xml_values(self):
        """(file, [documents]) for ``tools.file_xml``: the file's own metadata and
        catalogue, readable by whoever reads the file."""
        self.ensure_one()
        case = {
            "OrganId": self.company_id.vn_organ_code or "",
            "FileCatalog": self.file_catalog or "",
            "FileNotation": self.file_notation or "",
            "Title": self.subject or "",
            "Maintenance": self.retention_id.name or "",
            "Rights": RIGHTS_VI.get(self.rights, ""),
            "Creator": self.creator_id.name or "",
            "Language": self.language or "",
            "StartDate": self.start_date or None,
            "EndDate": self.end_date or None,
            "DocTotal": self.doc_total,
            "PageTotal": self.page_total,
            "Description": self.description or "",
        }
        documents = []
        for line in self._vn_lines_in_order():
            original = line.sudo().original_file_id
            documents.append(
                {
                    "DocOrdinal": line.ordinal,
                    "TypeName": line.type_name or "",
                    "CodeNumber": line.code_number or "",
                    "CodeNotation": line.code_notation or "",
                    "IssuedDate": line.doc_date or None,
                    "OrganName": line.organ_name or "",
                    "Subject": line.subject or "",
                    "Language": line.language or "",
                    "PageAmount": line.page_count,
                    "Description": line.note or "",
                    "FileName": original.name or "",
                    "Sha256": original.sha256 or "",
                }
            )
        return case, documents

    def action_export_xml(self):
        """The metadata of the file and of its documents, in order, as XML."""
        self.ensure_one()
        self.check_access("read")
        case, documents = self._vn_xml_values()
        data = file_xml.file_xml(case, documents, exported=vn_now())
        self._trail(_("Exported to XML"))
        return download(self, self._vn_file_name("ho-so", "xml"), data, XML_MIMETYPE)


class VnCaseFileHandover(models.Model):
    _inherit = "vn.case.file.handover"

    def _vn_catalogue_header(self):
        self.ensure_one()
        return {
            "agency": (self.company_id.name or "").upper(),
            "title": "MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU",
            "unit": self.department_id.name or "",
            "block": self.name or "",
            "period": catalogue_xlsx.period_vn(self.start_date, self.end_date),
            "total_words": number_in_words(len(self.case_file_ids)),
        }

    def _vn_file_rows(self):
        self.ensure_one()
        return self.case_file_ids._vn_file_rows()

    def _vn_record_values(self):
        """The values of the handover record (Biên bản giao nhận tài liệu, ND 30 Phụ
        lục V)."""
        self.ensure_one()
        when = vn_local_date(self.received_on or self.submitted_on) or vn_now().date()
        years = sorted(
            {y for y in self.sudo().case_file_ids.mapped("file_catalog") if y}
        )

        def person(user):
            user = user.sudo()
            return {
                "name": user.name or "",
                "position": user.employee_ids[:1].job_title or "",
            }

        return {
            "place": self.company_id.city or "",
            "day": f"{when.day:02d}",
            "month": f"{when.month:02d}",
            "year": when.year,
            "date": date_vn(when),
            "years": ", ".join(str(y) for y in years) or "..........",
            "giver": person(self.submitted_by_id),
            "receiver": person(self.received_by_id),
            "period": catalogue_xlsx.period_vn(self.start_date, self.end_date),
        }

    def action_export_catalogue_xlsx(self):
        """The Mục lục hồ sơ, tài liệu nộp lưu of this handover in Excel."""
        self.ensure_one()
        self.check_access("read")
        data = catalogue_xlsx.file_catalogue_workbook(
            self._vn_catalogue_header(), self._vn_file_rows()
        )
        self._message_log(body=_("Catalogue of the files exported to Excel."))
        return download(
            self,
            f"muc-luc-ho-so-nop-luu-{self.id}.xlsx",
            data,
            catalogue_xlsx.XLSX_MIMETYPE,
        )
