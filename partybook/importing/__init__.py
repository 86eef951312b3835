"""Reading the spreadsheets a branch already has (xlsx, xls, csv) into checked rows."""
