"""Reconciling an employer's check-off (docs/dues.md section 3).

* `reading`: the deduction file (xlsx, xls, ods, csv) read into lines, its columns recognised in
  Bahasa Indonesia and English, every unreadable cell reported by row and column;
* `matching`: each line matched to a membership of the union at the employer and given its outcome,
  and the authorised members the employer did not deduct, all in memory from a few set-based reads;
* `writing`: the lines, exceptions and contributions written set-based (COPY on PostgreSQL).

The use cases that call them are in serikat/dues/services_remittances.py.
"""
