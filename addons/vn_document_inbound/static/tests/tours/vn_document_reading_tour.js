import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";

// The tour's files are attachments its test prepared (a signed PDF whose signature
// validates against the test run's own CA, a scan rendered from a document): fetch
// one and give it to the form's file input as the clerk's browser would.
async function uploadPrepared(name) {
    const [found] = await rpc("/web/dataset/call_kw/ir.attachment/search_read", {
        model: "ir.attachment",
        method: "search_read",
        args: [[["name", "=", name]], ["id", "mimetype"]],
        kwargs: {},
    });
    const response = await fetch(`/web/content/${found.id}?download=true`);
    const blob = await response.blob();
    const input = document.querySelector(".o_field_many2many_binary input.o_input_file");
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], name.replace("tour-", ""), { type: found.mimetype }));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

function receiveAndRegister(file, expected, correction) {
    return [
        {
            content: "A new incoming document",
            trigger: ".o_control_panel button.o_list_button_add, .o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Upload the file",
            trigger: ".o_field_many2many_binary button.o_attach",
            run: () => uploadPrepared(file),
        },
        {
            content: "The fields are read from the document",
            trigger: `.o_field_widget[name='code_number'] input:value("${expected.number}")`,
            timeout: 30000,
        },
        {
            trigger: `.o_field_widget[name='code_notation'] input:value("${expected.notation}")`,
        },
        {
            content: "What was read, and from where, is shown",
            trigger: ".o_notebook .nav-link[name='reading']",
            run: "click",
        },
        {
            trigger: `.o_field_widget[name='reading_summary'] td:contains("${expected.source}")`,
        },
        {
            content: "The clerk corrects one value",
            trigger: ".o_field_widget[name='subject'] textarea, .o_field_widget[name='subject'] input",
            run: `edit ${correction}`,
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Register it",
            trigger: ".o_form_saved button[name='action_register']",
            run: "click",
        },
        {
            content: "It received its arrival number",
            trigger: ".o_field_widget[name='arrival_number']:not(:empty)",
        },
        {
            content: "Back to the list",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li.breadcrumb-item a",
            run: "click",
        },
    ];
}

// Issue 16: the clerk uploads a scanned paper document and a signed PDF, sees the
// fields filled from each, corrects one and registers both.
registry.category("web_tour.tours").add("vn_incoming_reading_tour", {
    steps: () => [
        ...receiveAndRegister(
            "tour-giay-moi-scan.jpg",
            { number: "18", notation: "GM-UBND", source: "OCR" },
            "Giấy mời dự hội nghị sơ kết chuyển đổi số - đã sửa"
        ),
        ...receiveAndRegister(
            "tour-cong-van-ky-so.pdf",
            { number: "245", notation: "UBND-VP", source: "PDF" },
            "V/v tổ chức hội nghị chuyển đổi số năm 2026 - đã sửa"
        ),
    ],
});
