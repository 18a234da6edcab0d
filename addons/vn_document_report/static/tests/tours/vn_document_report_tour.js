import { registry } from "@web/core/registry";

// The follow-up officer generates the quarterly report (the last complete quarter is
// proposed), finds it in the history with its workbook, then opens the dashboard
// (R-RP1, R-RP2).
registry.category("web_tour.tours").add("vn_document_report_tour", {
    steps: () => [
        {
            content: "The wizard proposes a quarter",
            trigger: ".modal .o_field_widget[name='period_kind'] select, .modal .o_field_widget[name='period_kind']",
        },
        {
            content: "The quarter is filled in",
            trigger: ".modal .o_field_widget[name='quarter']",
        },
        {
            content: "Generate",
            trigger: ".modal button[name='action_generate']",
            run: "click",
        },
        {
            content: "The report opens, version 1, with its workbook",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name='version']:contains('1')",
        },
        {
            content: "The workbook is attached",
            trigger: ".o_field_widget[name='workbook_name']:contains('.xlsx')",
        },
        {
            content: "It can be downloaded",
            trigger: "button[name='action_download']",
        },
    ],
});

registry.category("web_tour.tours").add("vn_document_report_dashboard_tour", {
    steps: () => [
        {
            content: "The dashboard opens on its graph",
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
        {
            content: "Switch to the pivot",
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "The pivot shows figures",
            trigger: ".o_pivot_view .o_pivot table .o_pivot_cell_value",
        },
    ],
});
