import { registry } from "@web/core/registry";
import { checkFitsTheScreen } from "@vn_document_inbound/../tests/tours/vn_document_inbound_phone_tour";

// The head of the drafting unit on a phone: the drafts waiting for them open as cards,
// the draft's form fits the screen, its content is approved from there.
registry.category("web_tour.tours").add("vn_outgoing_phone_tour", {
    steps: () => [
        {
            content: "The outgoing documents waiting for me open as cards on a phone",
            trigger: ".o_kanban_view .o_kanban_record:contains('Điện thoại: Quyết định')",
            run: checkFitsTheScreen,
        },
        {
            content: "Open it",
            trigger: ".o_kanban_record:contains('Điện thoại: Quyết định')",
            run: "click",
        },
        {
            content: "The draft's form fits the phone",
            trigger: ".o_form_view .o_form_sheet",
            run: checkFitsTheScreen,
        },
        {
            content: "Approve the content: the first button of the header stays in view",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_approve_content']",
            run: "click",
        },
        {
            content: "It went on to the format check",
            trigger: ".o_form_view:not(:has(button[name='action_approve_content'])) .o_form_sheet",
        },
    ],
});
