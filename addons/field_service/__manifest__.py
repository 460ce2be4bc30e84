# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Field Service",
    "summary": "Customer equipment, repair/installation/patrol orders, dispatch deadlines, reports, cycles",
    "version": "11.0.1.0.0",
    "category": "After-sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "After-sales Suite Authors",
    "license": "AGPL-3",
    "depends": [
        "spare_parts_depot",
        "maintenance",
        # customer signature on the service report, captured in the backend
        "web_widget_digitized_signature",
        # technicians use the backend on their phones
        "web_responsive",
        # dispatch timeline per technician
        "web_timeline",
    ],
    "data": [
        # security
        "security/ir.model.access.csv",
        "security/field_service_security.xml",
        # data: sequence, price list of parts at cost, SLA rule, cycle cron
        "data/field_service_sequence_data.xml",
        "data/field_service_data.xml",
        # customer equipment
        "views/maintenance_equipment_views.xml",
        # work orders
        "views/field_service_order_views.xml",
        "wizards/field_service_force_close_views.xml",
        # installation
        "wizards/field_service_acceptance_wizard_views.xml",
        # cycles and generation
        "views/field_service_cycle_views.xml",
        # technicians' daily logs
        "views/field_service_daily_log_views.xml",
        # statistics
        "report/field_service_report_views.xml",
        "wizards/field_service_stats_wizard_views.xml",
        # inherited core models
        "views/hr_employee_views.xml",
        "views/res_config_settings_views.xml",
        # menus: after the actions they open
        "views/field_service_menus.xml",
        # printed service report
        "report/field_service_order_report.xml",
    ],
    "demo": [
        "demo/field_service_demo.xml",
    ],
    "installable": True,
}
