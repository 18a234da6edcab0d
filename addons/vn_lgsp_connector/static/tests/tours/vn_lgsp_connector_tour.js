import { registry } from "@web/core/registry";

// The document administrator finds a parked package in the outbox and sends it again.
registry.category("web_tour.tours").add("vn_lgsp_outbox_tour", {
    steps: () => [
        {
            content: "The parked package is listed with its last error",
            trigger: ".o_list_view .o_data_row:contains('Tour: gói tin bị tạm dừng'):contains('HTTP 500')",
        },
        {
            content: "Retry it",
            trigger: ".o_list_view .o_data_row:contains('Tour: gói tin bị tạm dừng') button[name='action_retry']",
            run: "click",
        },
        {
            content: "It waits to be sent again",
            trigger: ".o_list_view .o_data_row:contains('Tour: gói tin bị tạm dừng') .o_field_badge:not(:contains('Đã tạm dừng'))",
        },
    ],
});
