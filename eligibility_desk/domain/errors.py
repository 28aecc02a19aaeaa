"""Field errors: a reason code with parameters, worded in Chinese or English only when shown."""

from __future__ import annotations

from dataclasses import dataclass, field

_MESSAGES = {
    "required": ("必填项缺失", "required field is missing"),
    "not_a_date": ("日期无法识别：{value}（应为 YYYY-MM-DD）", "not a date: {value} (expected YYYY-MM-DD)"),
    "end_before_start": ("结束日期 {end} 早于开始日期 {start}", "end {end} is before start {start}"),
    "unknown_value": ("未知取值「{value}」，可选：{allowed}", "unknown value '{value}', allowed: {allowed}"),
    "level_range": ("等级应为 1–5，实际为 {value}", "level must be 1–5, got {value}"),
    "not_bool": ("应为 true 或 false，实际为 {value}", "must be true or false, got {value}"),
    "not_text": ("应为文字，实际为 {value}", "must be text, got {value}"),
    "not_list": ("应为列表", "must be a list"),
    "not_object": ("应为对象", "must be an object"),
    "id_length": ("身份证号码应为 18 位，实际 {length} 位", "ID number must have 18 characters, got {length}"),
    "id_chars": ("身份证号码应为 17 位数字加 1 位数字或 X", "ID number must be 17 digits and a digit or X"),
    "id_birth_date": ("身份证号码中的出生日期 {value} 无效", "birth date {value} in the ID number is invalid"),
    "id_number_as_number": ("身份证号码存成了数字（{value}），末几位已丢失：请把该列设为文本格式后重新输入号码",
                            "the ID number was stored as a number ({value}) and its last digits are lost: format "
                            "the column as text and type the numbers again"),
    "id_checksum": ("身份证号码校验位错误（应为 {expected}，实际 {found}）", "ID number check character is {found}, expected {expected}"),
    "future_date": ("日期 {value} 晚于今天", "date {value} is in the future"),
    "duplicate": ("重复：{value}", "duplicate: {value}"),
    "class_type_school": ("班级类型只适用于技工院校", "class type applies to technician schools only"),
    "before_birth": ("日期 {value} 早于出生日期 {born}", "date {value} is before the birth date {born}"),
    "duplicate_in_file": ("文件中重复：{value}（另见第 {other} 行）", "duplicate in the file: {value} (also row {other})"),
    "unknown_applicant": ("身份证号码 {value} 不在「考生」表中", "ID number {value} is not on the applicants sheet"),
    "level_not_in_batch": ("批次不含等级 {value}（批次等级：{allowed}）", "the batch has no level {value} (its levels: {allowed})"),
    "missing_column": ("缺少必需的列「{value}」", "required column '{value}' is missing"),
    "missing_sheet": ("缺少工作表「{value}」", "sheet '{value}' is missing"),
    "batch_screened": ("批次「{value}」已有审核结果，不能删除", "batch '{value}' has screening results and cannot be deleted"),
    "not_a_number": ("应为数字，实际为 {value}", "must be a number, got {value}"),
    # photos (eligibility_desk.documents.photo, services.printing.photos)
    "photo_missing": ("照片文件不存在：{value}", "photo file not found: {value}"),
    "photo_unreadable": ("照片文件无法读取（{detail}）", "cannot read the photo file ({detail})"),
    "photo_file_too_big": ("照片文件超过 {mb} MB", "the photo file is over {mb} MB"),
    "photo_empty": ("照片文件是空的", "the photo file is empty"),
    "photo_not_image": ("不是图片文件（应为 JPEG 或 PNG）", "not an image file (use JPEG or PNG)"),
    "photo_format": ("不支持的图片格式 {format}（应为 JPEG 或 PNG）", "unsupported image format {format} (use JPEG or PNG)"),
    "photo_too_large": ("图片像素过多（{pixels}，上限 {limit} 像素）", "too many pixels ({pixels}; at most {limit})"),
    "photo_corrupt": ("图片已损坏或不完整（{detail}）", "the image is damaged or truncated ({detail})"),
    "photo_no_applicant": ("文件名「{value}」不是本批考生的身份证号码或考生编号",
                           "file name '{value}' is no ID number or applicant code of this batch"),
    "photo_ambiguous": ("考生编号「{value}」在本批有 {count} 人，请改用身份证号码命名",
                        "applicant code '{value}' belongs to {count} people in this batch; name the file by ID number"),
    "photo_duplicate": ("同一考生已有照片文件「{other}」", "this applicant already has the photo file '{other}'"),
    # the text policy (domain/text_policy.py) and the import's limits (services/records/sheets.py)
    "too_long": ("内容过长：{length} 个字符，最多 {limit} 个", "too long: {length} characters, at most {limit}"),
    "control_character": ("含控制字符 {char}（第 {position} 个字符），请删除后重新导入",
                          "contains the control character {char} (character {position}); remove it"),
    "invisible_character": ("含不可见或改变文字方向的字符 {char}（第 {position} 个字符），请删除后重新导入",
                            "contains the invisible or direction-changing character {char} (character {position}); remove it"),
    "not_a_character": ("含无效字符 {char}（Unicode 非字符，第 {position} 个字符），请删除后重新导入",
                        "contains {char}, a Unicode noncharacter (character {position}); remove it"),
    "too_many_marks": ("第 {position} 个字符处叠加的组合符号超过 {limit} 个，请删除多余的符号",
                       "more than {limit} combining marks stacked at character {position}; remove them"),
    "duplicate_sheet": ("工作表「{value}」与「{other}」是同一种表，只能有一个：请合并或删除后再导入",
                        "sheet '{value}' is the same kind as '{other}'; keep one"),
    "hidden_sheet": ("工作表「{value}」是隐藏的：请在 Excel 中取消隐藏、核对后再导入",
                     "sheet '{value}' is hidden; unhide and check it before importing"),
    "workbook_too_large": ("工作簿各表的数据区域合计过大（到本表为 {value} 个单元格，最多 {limit} 个），本表未读取：请删除远处或多余的单元格，或分成几个文件导入",
                           "the sheets' data areas together are too large ({value} cells up to this sheet, at most {limit}); this sheet was not read: delete stray cells or split the file"),
    "empty_sheet": ("工作表「{value}」是空的：没有表头行", "sheet '{value}' is empty: no header row"),
    "formula": ("单元格是公式，导入只收数值：请复制该列后「选择性粘贴 → 数值」",
                "the cell holds a formula; the import takes values only (paste as values)"),
    "error_value": ("单元格是错误值 {value}（公式出错的结果），导入只收数值：请改正后填入数值",
                    "the cell holds the error {value} (a formula's failed result); the import takes values only"),
    "number_out_of_range": ("数值 {value} 超出范围，无法读取（本表未读取）；请改正该单元格",
                            "the number {value} is out of range and cannot be read (the sheet was not read); correct the cell"),
    "date_too_early": ("日期 {value} 早于 {min}，请检查（Excel 序列号 {serial} 以下不当作日期）",
                       "date {value} is before {min}; check it (Excel serial numbers below {serial} are not dates)"),
    "too_many_rows": ("行数过多：{value} 行，最多 {limit} 行", "too many rows: {value}, at most {limit}"),
    "too_many_columns": ("列数过多：数据到第 {value} 列，最多 {limit} 列", "too many columns: data up to column {value}, at most {limit}"),
    "area_too_large": ("数据区域过大：{value}（{rows} 行 × {columns} 列），最多 {limit} 个单元格；请删除远处的单元格",
                       "data area too large: {value} ({rows} rows × {columns} columns), at most {limit} cells; delete the stray cells"),
    "cell_too_long": ("单元格过长：超过 {limit} 个字符", "cell too long: over {limit} characters"),
    "empty_file": ("文件是空的：没有表头行", "the file is empty: no header row"),
    "duplicate_key": ("键「{key}」在同一对象中出现了 {count} 次，不知用哪一个：请只保留一个",
                      "the key '{key}' is given {count} times in one object; keep one"),
    "duplicate_key_of": ("键「{key}」在同一对象中出现了 {count} 次，不知用哪一个：请只保留一个（身份证号码 {id_number}）",
                         "the key '{key}' is given {count} times in one object; keep one (ID number {id_number})"),
    "no_applicants": ("文件中没有考生：「{value}」的表头下没有数据行，未导入任何内容",
                      "no applicants in the file: '{value}' has no rows below its header; nothing was imported"),
    "no_applicants_json": ("文件中没有考生：「{value}」的 applicants 是空列表，未导入任何内容",
                           "no applicants in the file: the 'applicants' list of '{value}' is empty; nothing was imported"),
    "bad_csv": ("CSV 格式错误：{value}", "malformed CSV: {value}"),
    "too_deep": ("嵌套过深：超过 {limit} 层", "nested too deeply: over {limit} levels"),
    "hours_range": ("学时应为 0 或正数，实际为 {value}", "hours must be zero or more, got {value}"),
    "level_word": ("等级应为该证书标准的等级名称或代码（如 初级），实际为 {value}",
                   "level must be a level of the certificate's standard (e.g. 初级), got {value}"),
}


@dataclass(frozen=True)
class FieldError:
    """One problem of a record: the field, a reason code and its parameters (worded at the edge)."""

    field: str               # e.g. "work[0].end"
    code: str                # e.g. "end_before_start"
    params: dict = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        zh, en = _MESSAGES.get(self.code, (self.code, self.code))
        template = en if lang.startswith("en") else zh
        try:
            return template.format(**self.params)
        except (KeyError, IndexError):
            return template

    def describe(self, lang: str = "zh") -> str:
        return f"{self.field}: {self.message(lang)}"


class InvalidRecord(ValueError):
    """An applicant record that cannot be screened; every problem found, not just the first."""

    def __init__(self, record_id: str, errors: list[FieldError]):
        self.record_id = record_id
        self.errors = errors
        super().__init__("; ".join(e.describe() for e in errors))
