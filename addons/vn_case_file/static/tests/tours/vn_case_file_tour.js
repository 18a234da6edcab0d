import { registry } from "@web/core/registry";

function pickTag(field, text) {
    return [
        {
            content: `Choose ${text}`,
            trigger: `.modal .o_field_widget[name='${field}'] input`,
            run: `edit ${text}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item:contains('${text}')`,
            run: "click",
        },
        {
            trigger: `.modal .o_field_widget[name='${field}'] .o_tag:contains('${text}')`,
        },
    ];
}

// The staff member opens the planned file, puts an incoming and an outgoing document
// in it, and closes it (R-CF1; Phụ lục VI III.4.a-c).
registry.category("web_tour.tours").add("vn_case_file_staff_tour", {
    steps: () => [
        {
            content: "The planned file of the approved plan is on the staff member's list",
            trigger: ".o_list_view .o_data_row:contains('Hồ sơ tour chuyển đổi số') button[name='action_open_file']",
            run: "click",
        },
        {
            content: "The file opens with the plan's symbol",
            trigger: ".o_field_widget[name='file_notation']:contains('01.TH')",
        },
        {
            content: "Add documents",
            trigger: "button[name='action_open_attach']",
            run: "click",
        },
        ...pickTag("incoming_ids", "Tour đến: Kế hoạch chuyển đổi số"),
        ...pickTag("outgoing_ids", "Tour đi: Báo cáo chuyển đổi số"),
        {
            content: "Put them in the file",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The documents are numbered in the file",
            trigger: "body:not(:has(.modal)) .o_field_widget[name='line_ids'] .o_data_row:nth-child(2)",
        },
        {
            content: "The totals are computed",
            trigger: ".o_field_widget[name='doc_total']:contains('2')",
        },
        {
            content: "Close the file",
            trigger: "button[name='action_close']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Closed",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='closed']",
        },
    ],
});

// The records clerk prints the catalogue of the documents in the file (output 5).
registry.category("web_tour.tours").add("vn_case_file_clerk_tour", {
    steps: () => [
        {
            content: "Find the file among the agency's files",
            trigger: ".o_searchview_input",
            run: "edit Hồ sơ tour",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('Hồ sơ tour chuyển đổi số') td.o_data_cell",
            run: "click",
        },
        {
            content: "Print the catalogue",
            trigger: "button:contains('Print the catalogue'), button:contains('In mục lục')",
            run: "click",
        },
        {
            content: "No error",
            trigger: "body:not(:has(.o_error_dialog)) .o_form_view",
        },
    ],
});

// The agency archive receives the handover batch and downloads its package (R-CF2).
registry.category("web_tour.tours").add("vn_case_file_archivist_tour", {
    steps: () => [
        {
            content: "The batch waits for the archive",
            trigger: ".o_list_view .o_data_row:contains('Tour nộp lưu') td.o_data_cell",
            run: "click",
        },
        {
            content: "Receive it",
            trigger: "button[name='action_receive']",
            run: "click",
        },
        {
            content: "Received",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='received']",
        },
        {
            content: "Its package (SIP_hoso)",
            trigger: ".o_notebook_headers a[name='packages']",
            run: "click",
        },
        {
            content: "Download the package",
            trigger: ".o_field_widget[name='package_ids'] .o_data_row button[name='action_download']",
            run: "click",
        },
        {
            content: "No error",
            trigger: "body:not(:has(.o_error_dialog)) .o_form_view",
        },
    ],
});
