import { registry } from "@web/core/registry";

const SUBJECT = "Tour: Quyết định giao chỉ tiêu 2027";

function openDocument() {
    return [
        {
            content: "Open the document from the list of documents waiting for me",
            trigger: `.o_list_view .o_data_row:contains('${SUBJECT}') td.o_data_cell`,
            run: "click",
        },
    ];
}

function pressAndCheck(button, state) {
    return [
        ...openDocument(),
        { content: `Press ${button}`, trigger: `button[name='${button}']`, run: "click" },
        {
            content: `Now at ${state}`,
            trigger: `.o_statusbar_status button.o_arrow_button_current[data-value='${state}']`,
        },
    ];
}

function signInDialog(state) {
    return [
        { content: "The key is proposed; type its passphrase", trigger: ".modal .o_field_widget[name='secret'] input", run: "edit 1234" },
        { content: "Sign", trigger: ".modal button[name='action_sign']", run: "click" },
        {
            content: "Signed",
            trigger: `body:not(:has(.modal)) .o_statusbar_status button.o_arrow_button_current[data-value='${state}']`,
        },
    ];
}

registry.category("web_tour.tours").add("vn_outgoing_drafter_tour", {
    steps: () => [
        { content: "New draft", trigger: ".o_list_button_add", run: "click" },
        { content: "Subject", trigger: ".o_field_widget[name='subject'] textarea, .o_field_widget[name='subject'] input", run: `edit ${SUBJECT}` },
        { content: "Type", trigger: ".o_field_widget[name='document_type_id'] input", run: "edit Quyết định" },
        { trigger: ".o-autocomplete--dropdown-item:contains('Quyết định')", run: "click" },
        { content: "Drafting unit", trigger: ".o_field_widget[name='drafting_department_id'] input", run: "edit Văn phòng" },
        { trigger: ".o-autocomplete--dropdown-item:contains('Văn phòng')", run: "click" },
        { content: "Signer", trigger: ".o_field_widget[name='signer_id'] input", run: "edit Nguyễn Văn An" },
        { trigger: ".o-autocomplete--dropdown-item:contains('Nguyễn Văn An')", run: "click" },
        { content: "Save", trigger: ".o_form_button_save", run: "click" },
        { content: "Saved", trigger: ".o_breadcrumb .active:contains('Tour: Quyết định')" },
    ],
});

registry.category("web_tour.tours").add("vn_outgoing_send_tour", {
    steps: () => pressAndCheck("action_send_to_head", "head_review"),
});
registry.category("web_tour.tours").add("vn_outgoing_content_tour", {
    steps: () => pressAndCheck("action_approve_content", "format_check"),
});
registry.category("web_tour.tours").add("vn_outgoing_format_tour", {
    steps: () => pressAndCheck("action_approve_format", "to_sign"),
});
registry.category("web_tour.tours").add("vn_outgoing_sign_tour", {
    steps: () => [
        ...openDocument(),
        { content: "Approve and sign", trigger: "button[name='action_open_sign']", run: "click" },
        ...signInDialog("signed"),
    ],
});
registry.category("web_tour.tours").add("vn_outgoing_issue_tour", {
    steps: () => [
        ...openDocument(),
        { content: "Number and issue", trigger: "button[name='action_open_issue']", run: "click" },
        ...signInDialog("issued"),
        { content: "The number is shown", trigger: ".o_field_widget[name='number_symbol']:contains('01/QĐ-UBND')" },
    ],
});
