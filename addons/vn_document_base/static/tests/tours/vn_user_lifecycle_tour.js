import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// The document administrator onboards a person with a role, changes his position and
// disables him (R-US1–R-US3).
function pick(field, text) {
    return [
        {
            content: `Type ${text} in ${field}`,
            trigger: `.modal div[name='${field}'] input`,
            run: `edit ${text}`,
        },
        {
            content: `Choose ${text}`,
            trigger: `.o-autocomplete--dropdown-item:contains('${text}')`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("vn_user_lifecycle_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Official Documents app",
            trigger: ".o_app[data-menu-xmlid='vn_document_base.menu_vn_document_root']",
            run: "click",
        },
        {
            content: "Open the configuration menu",
            trigger: ".o_main_navbar [data-menu-xmlid='vn_document_base.menu_vn_document_config']",
            run: "click",
        },
        {
            content: "A person joins",
            trigger: ".dropdown-item[data-menu-xmlid='vn_document_base.vn_user_join_menu']",
            run: "click",
        },
        {
            content: "Full name",
            trigger: ".modal div[name='name'] input",
            run: "edit Lê Văn Tour",
        },
        {
            content: "Login",
            trigger: ".modal div[name='login'] input",
            run: "edit vn_tour_person",
        },
        ...pick("department_id", "Phòng Tour A"),
        ...pick("role_ids", "Chuyên viên"),
        {
            content: "Create the account",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The new account's form: the role change waits for a second administrator",
            trigger: ".o_form_view .alert-warning:contains('quản trị văn bản thứ hai')",
        },
        {
            content: "Change of position",
            trigger: ".o_form_view button[name='action_vn_move']",
            run: "click",
        },
        ...pick("department_id", "Phòng Tour B"),
        ...pick("role_ids", "Lãnh đạo phòng"),
        {
            content: "Confirm the change of position",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Disable and hand over work",
            trigger: "body:not(:has(.modal)) .o_form_view button[name='action_vn_disable']",
            run: "click",
        },
        {
            content: "Confirm: he has no open work",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The account is disabled: it can be re-enabled",
            trigger: "body:not(:has(.modal)) .o_form_view button[name='action_vn_enable']",
        },
    ],
});
