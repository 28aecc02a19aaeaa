"""Workbooks that are small by nature — the 考务 resources (rooms, staff, slots) and score sheets (成绩登记表) —
checked before openpyxl or python-calamine opens them (issue 15).

A resources workbook holds a few hundred rows, a score sheet one room's seats; both readers open the whole
file.  So, before either does: the file must be a zip archive (an empty file, a CSV or text renamed ``.xlsx``,
a truncated download are refused with the file named), its parts together may inflate to at most
:data:`MAX_UNPACKED_BYTES` (a zip bomb of a few KB is refused unread — the applicant import's own limits,
for files of 100,000 applicants, are far larger), and then every sheet's claimed area is measured
(:func:`eligibility_desk.services.records.sheets.check_workbook`: a cell at XFD1048576 is refused before a
reader allocates the grid).  Raises :class:`~eligibility_desk.services.records.sheets.WorkbookRefused`.
"""

from __future__ import annotations

from pathlib import Path

#: the most a small workbook's parts may hold once inflated (a 2,000-row resources workbook is ~1 MB)
MAX_UNPACKED_BYTES = 64 * 1024 * 1024


def check_small_workbook(path: Path | str, limit: int = MAX_UNPACKED_BYTES) -> None:
    import zipfile

    from eligibility_desk.domain.text_policy import visible
    from eligibility_desk.services.records.sheets import WorkbookRefused, check_workbook

    file = visible(Path(path).name, 120)
    try:
        size = Path(path).stat().st_size
        if size == 0:
            raise WorkbookRefused(f"{file}：文件为空（0 字节），不是 .xlsx 工作簿", f"{file}: the file is empty (0 bytes)")
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > limit:
                raise WorkbookRefused(
                    f"{file}：解压后 {unpacked / 1048576:,.0f} MB，超过此类工作簿的上限 {limit // 1048576} MB，未读取",
                    f"{file}: {unpacked / 1048576:,.0f} MB once unpacked, over this kind of workbook's limit of "
                    f"{limit // 1048576} MB; nothing was read")
    except zipfile.BadZipFile:
        raise WorkbookRefused(f"{file}：不是 .xlsx 工作簿（不是 zip 文件：可能是改了扩展名的 CSV/文本，或下载不完整）",
                              f"{file}: not an .xlsx workbook (not a zip file: a renamed CSV or text file, or a "
                              f"truncated download?)") from None
    except IsADirectoryError:
        raise WorkbookRefused(f"{file}：是文件夹，不是 .xlsx 工作簿", f"{file}: a folder, not an .xlsx workbook") from None
    except FileNotFoundError:
        raise WorkbookRefused(f"{file}：文件不存在", f"{file}: no such file") from None
    except OSError as exc:
        raise WorkbookRefused(f"{file}：无法读取（{exc.strerror or exc}）", f"{file}: cannot be read ({exc.strerror or exc})") from None
    check_workbook(path)
