import { registry } from "@web/core/registry";

// Fails the step when the page, or the element the step found, is wider than the
// phone's screen (something does not fit).
export function checkFitsTheScreen() {
    const width = document.documentElement.clientWidth;
    const box = this.anchor.getBoundingClientRect();
    if (
        document.documentElement.scrollWidth > width + 1 ||
        box.left < -1 ||
        box.right > width + 1 ||
        this.anchor.scrollWidth > this.anchor.clientWidth + 1
    ) {
        throw new Error(`Wider than the phone (${width}px): ${this.anchor.className}`);
    }
}

// A records clerk on a phone: the incoming documents open as cards, a received
// document shows no arrival number, it is registered from its form.
registry.category("web_tour.tours").add("vn_incoming_phone_tour", {
    steps: () => [
        {
            content: "The incoming documents open as cards on a phone",
            trigger: ".o_kanban_view .o_kanban_record:contains('Điện thoại: Công văn')",
        },
        {
            content: "A received document has no arrival number yet",
            trigger:
                ".o_kanban_record:contains('Điện thoại: Công văn'):not(:has(.o_field_widget[name='arrival_number']))",
            run: checkFitsTheScreen,
        },
        {
            content: "Open it",
            trigger: ".o_kanban_record:contains('Điện thoại: Công văn')",
            run: "click",
        },
        {
            content: "The form shows no arrival number before registration",
            trigger: ".o_form_view:not(:has(.o_field_widget[name='arrival_number'])) .o_form_sheet",
            run: checkFitsTheScreen,
        },
        {
            content: "Register it: the first button of the header stays in view",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_register']",
            run: "click",
        },
        {
            content: "It received its arrival number, shown without separator",
            trigger: ".o_form_view .o_field_widget[name='arrival_number']:contains('1')",
        },
        {
            content: "The year is shown as a year",
            trigger: ".o_form_view .o_field_widget[name='file_catalog']",
            run() {
                const text = this.anchor.textContent.trim();
                if (!/^\d{4}$/.test(text)) {
                    throw new Error(`The year reads "${text}"`);
                }
            },
        },
        {
            content: "The registered document's form fits the phone",
            trigger: ".o_form_view .o_form_sheet",
            run: checkFitsTheScreen,
        },
    ],
});
