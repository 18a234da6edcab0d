import { registry } from "@web/core/registry";

const openDocument = [
    {
        content: "Search the document, as the list may be long",
        trigger: ".o_searchview_input",
        run: "edit Tour: Quyet dinh giao chi tieu",
    },
    {
        trigger: ".o_searchview_input",
        run: "press Enter",
    },
    {
        content: "Open the document from the incoming list",
        trigger: ".o_list_view .o_data_row:contains('Tour: Quyết định giao chỉ tiêu') td.o_data_cell",
        run: "click",
    },
];

// The records clerk registers the received, checked PDF and submits it to the head of the agency.
registry.category("web_tour.tours").add("vn_incoming_clerk_tour", {
    steps: () => [
        ...openDocument,
        {
            content: "The signatures of the checked file are shown",
            trigger: ".o_field_widget[name='signature_ids'] .o_data_row:contains('Nguyễn Văn An')",
        },
        {
            content: "Register it",
            trigger: "button[name='action_register']",
            run: "click",
        },
        {
            content: "It received its arrival number",
            trigger: ".o_field_widget[name='arrival_number']:contains('1')",
        },
        {
            content: "Submit it to the head of the agency",
            trigger: "button[name='action_open_submit_wizard']",
            run: "click",
        },
        {
            content: "Choose the head",
            trigger: ".modal .o_field_widget[name='head_id'] input",
            run: "edit Lãnh đạo Tour",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Lãnh đạo Tour')",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Submitted",
            trigger: "body:not(:has(.modal)) .o_statusbar_status button.o_arrow_button_current[data-value='submitted']",
        },
    ],
});

// The head of the agency writes a directive and gives the lead to a staff member with a deadline.
registry.category("web_tour.tours").add("vn_incoming_head_tour", {
    steps: () => [
        ...openDocument,
        {
            content: "Direct and assign",
            trigger: "button[name='action_open_assign_wizard']",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='directive'] textarea",
            run: "edit Giao Chuyên viên Tour chủ trì tham mưu.",
        },
        {
            content: "Choose the lead person",
            trigger: ".modal .o_field_widget[name='lead_user_id'] input",
            run: "edit Chuyên viên Tour",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Chuyên viên Tour')",
            run: "click",
        },
        {
            content: "Deadline: 3 working days",
            trigger: ".modal .o_field_widget[name='deadline_days'] input",
            run: "edit 3",
        },
        {
            content: "The deadline date is computed on the working calendar",
            trigger: ".modal .o_field_widget[name='deadline'] input:not(:value(''))",
        },
        {
            content: "Assign",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "In progress",
            trigger: "body:not(:has(.modal)) .o_statusbar_status button.o_arrow_button_current[data-value='in_progress']",
        },
    ],
});

// The staff member completes the work with a result.
registry.category("web_tour.tours").add("vn_incoming_staff_tour", {
    steps: () => [
        ...openDocument,
        {
            content: "Open the handling tab",
            trigger: ".o_notebook .nav-link[name='handling']",
            run: "click",
        },
        {
            content: "Complete my assignment",
            trigger: ".o_field_widget[name='assignment_ids'] .o_data_row button[name='action_open_complete_wizard']",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='result'] textarea",
            run: "edit Đã tham mưu văn bản trả lời.",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Done",
            trigger: "body:not(:has(.modal)) .o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
    ],
});
