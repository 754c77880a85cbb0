"""Component ids shared by page layouts and their callbacks."""

URL = "url"
PAGE = "page-content"
NAV = "nav"
NAV_TOGGLE = "nav-toggle"
NAV_COLLAPSE = "nav-collapse"
GRID_NEET = "neet-grid"
TIMELINE = "neet-timeline"
VIEW_BY = "view-by"
VIEW_ADDRESS = "view-address"  # writes the view-by choice into the address (assets/filters.js)


def filter_id(name: str) -> str:
    return f"filter-{name.replace('_', '-')}"


def content_id(page: str) -> str:
    return f"{page}-content"


def nav_link_id(page: str) -> str:
    return f"nav-{page}"
UPLOAD = "upload-files"
UPLOAD_YEAR = "upload-year"
UPLOAD_BUTTON = "upload-import"
AUDIT_USER = "audit-user"
AUDIT_CHILD = "audit-child"
COMMENT_MEASURE = "commentary-measure"
COMMENT_PERIOD = "commentary-period"
COMMENT_TEXT = "commentary-text"
COMMENT_USE_DRAFT = "commentary-use-draft"
COMMENT_SAVE = "commentary-save"
COMMENT_SAVED = "commentary-saved"
COMMENT_MESSAGE = "commentary-message"
COMMENT_DRAFT = "commentary-draft"
PAGE_COMMENTARY = "page-commentary"
UPLOAD_POLL = "upload-poll"
UPLOAD_PROGRESS = "upload-progress"
QUALITY_RULE = "quality-rule"
QUALITY_ROWS = "quality-rows"
QUALITY_NOTICE = "quality-notice"
FILTER_TOGGLE = "filter-toggle"
FILTER_PANEL = "filter-panel"
FILTER_SUMMARY = "filter-summary"
PAGE_TITLES = "page-titles"
FOOTER = "page-footer"
FILTER_LABELS = "filter-labels"
TITLE_SHOWN = "title-shown"
