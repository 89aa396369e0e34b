"""Member imports: affiliates' spreadsheets read, validated and written in chunks.

readers (xlsx/xls/ods through python-calamine, CSV through the csv module) -> headers (which column
holds what, in Bahasa Indonesia or English) -> values (spreadsheet habits undone) -> pipeline (check
or commit, chunk by chunk, set-based writes through writer) -> report (problems as xlsx).

The use cases (upload, map columns, check, commit, cancel) are in serikat.membership.services_imports,
with `import_file(path, unit, actor, dry_run)` for the command line and benchmarks. See
docs/adr/0014-member-imports.md.
"""
