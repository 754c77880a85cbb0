"""Component ids shared by page layouts and their callbacks."""

HOME_IMPORTS = "home-imports"
HOME_REFRESH = "home-refresh"
