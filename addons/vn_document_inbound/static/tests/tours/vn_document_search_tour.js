import { browser } from "@web/core/browser/browser";
import { registry } from "@web/core/registry";

// ND 30 Phụ lục VI III.6 (issue 17): a staff member finds a scanned document by a phrase
// that is only in its OCR'd text, exports the result list to .docx and prints the
// document with the mark "In từ Hệ thống quản lý văn bản".
const PHRASE = "ben nha rong";
// View strings show in Vietnamese on a demo database and may show in English in a test
// database (their translations are loaded after the tests): accept both.
// The web client opens a downloaded file in a new tab (browser.open); the tour fetches
// it instead and notes on the page what came back.
function catchDownload(flag) {
    const open = browser.open;
    browser.open = (url) => {
        browser.open = open;
        fetch(url).then(async (response) => {
            const type = response.headers.get("Content-Type") || "";
            const size = (await response.arrayBuffer()).byteLength;
            document.body.dataset[flag] = response.ok && size ? type.split(";")[0] : "failed";
        });
        return { closed: false };
    };
}
const either = (selector, vi, en) => `${selector}:contains('${vi}'), ${selector}:contains('${en}')`;

registry.category("web_tour.tours").add("vn_incoming_search_tour", {
    steps: () => [
        {
            content: "Type a phrase that is only inside the scanned document",
            trigger: ".o_searchview_input",
            run: `edit ${PHRASE}`,
        },
        {
            content: "Search it in the content (metadata and full text)",
            trigger: either(".o_searchview_autocomplete .o-dropdown-item", "Nội dung", "Content"),
            run: "click",
        },
        {
            content: "The scan is found, the words marked where they were found",
            trigger: ".o_data_row:contains('Tour: Kiểm kê di tích') td[name='content_snippet'] mark",
        },
        {
            content: "Only that document",
            trigger: ".o_list_view:not(:has(.o_data_row:not(:contains('Tour: Kiểm kê di tích'))))",
        },
        {
            content: "Select the result",
            trigger: "thead .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Export the result",
            trigger: either("button", "Xuất kết quả", "Export the result"),
            run: "click",
        },
        {
            content: "As a Word document",
            trigger: ".modal div[name='export_format'] input[data-value='docx']",
            run: "click",
        },
        {
            trigger: ".modal button[name='action_export']",
            run(helpers) {
                catchDownload("vnExported");
                helpers.click();
            },
        },
        {
            content: "Exported: the dialog closes, a Word file is downloaded",
            trigger:
                "body[data-vn-exported='application/vnd.openxmlformats-officedocument.wordprocessingml.document']:not(:has(.modal)) .o_list_view",
        },
        {
            content: "Open the document",
            trigger: "body:not(:has(.modal)) .o_data_row:contains('Tour: Kiểm kê di tích') td[name='subject']",
            run: "click",
        },
        {
            content: "Print it: a copy marked on every page",
            trigger: ".o_form_view button[name='action_print_copy']",
            run(helpers) {
                catchDownload("vnPrinted");
                helpers.click();
            },
        },
        {
            content: "Printed: a PDF came back, no error",
            trigger: "body[data-vn-printed='application/pdf']:not(:has(.o_error_dialog)) .o_form_view",
        },
    ],
});
