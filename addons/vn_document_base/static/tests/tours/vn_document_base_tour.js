import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// The records clerk opens the suite in Vietnamese and finds the register books.
registry.category("web_tour.tours").add("vn_document_base_clerk_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Official Documents app (Vietnamese name)",
            trigger: ".o_app[data-menu-xmlid='vn_document_base.menu_vn_document_root']:contains('Văn bản')",
            run: "click",
        },
        {
            content: "Open the configuration menu",
            trigger: ".o_main_navbar [data-menu-xmlid='vn_document_base.menu_vn_document_config']",
            run: "click",
        },
        {
            content: "Open the register books",
            trigger: ".dropdown-item[data-menu-xmlid='vn_document_base.vn_register_book_menu']:contains('Sổ đăng ký')",
            run: "click",
        },
        {
            content: "The clerk's incoming register book is listed",
            trigger: ".o_list_view .o_data_row:contains('Sổ đến của tour')",
        },
    ],
});

// The document administrator opens the settings page of the suite.
registry.category("web_tour.tours").add("vn_document_base_settings_tour", {
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
            content: "Open the settings page",
            trigger: ".dropdown-item[data-menu-xmlid='vn_document_base.res_config_settings_menu_vn_document']",
            run: "click",
        },
        {
            content: "The suite's block shows the agency identifier in Vietnamese",
            trigger: "#vn_agency_identifier:contains('Mã định danh')",
        },
        {
            content: "The malware scanner and the file size limit can be set",
            trigger: "#vn_clamd input, #vn_max_size input",
        },
        {
            content: "The trusted roots are one click away",
            trigger: "#vn_trusted_roots button:contains('Chứng thư số gốc tin cậy')",
        },
    ],
});
