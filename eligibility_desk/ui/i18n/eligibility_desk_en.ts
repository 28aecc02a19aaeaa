<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ApplicantDraft</name>
    <message>
        <location filename="../screening/applicant_draft.py" line="102"/>
        <source>修改 {field}</source>
        <translation>Edit {field}</translation>
    </message>
    <message>
        <location filename="../screening/applicant_draft.py" line="108"/>
        <source>添加记录</source>
        <translation>Add record</translation>
    </message>
    <message>
        <location filename="../screening/applicant_draft.py" line="116"/>
        <source>删除记录</source>
        <translation>Delete record</translation>
    </message>
</context>
<context>
    <name>ApplicantForm</name>
    <message>
        <source>本账户的角色只能看到打码的身份证号码</source>
        <translation>This account's roles see ID numbers masked only</translation>
    </message>
    <message>
        <location filename="../applicant_form.py" line="1" />
        <source>出生日期（空则按身份证）</source>
        <translation>Birth date (empty: from the ID number)</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="223"/>
        <source>未填姓名</source>
        <translation>no name yet</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="225"/>
        <source>「考生资料」中的新考生尚未保存（{name}）。</source>
        <translation>The new applicant in Applicant is not saved yet ({name}).</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="226"/>
        <source>「考生资料」有未保存的修改（{name}）。</source>
        <translation>Applicant has unsaved changes ({name}).</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="64"/>
        <source>申报等级</source>
        <translation>Levels</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="61"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="78"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="82"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="86"/>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="113"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="115"/>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="189"/>
        <source>男</source>
        <translation>male</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="189"/>
        <source>女</source>
        <translation>female</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="189"/>
        <source>（由身份证号码得出）</source>
        <translation>(from the ID number)</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="211"/>
        <source>{kind} 第 {row} 行「{column}」</source>
        <translation>{kind} row {row}, &quot;{column}&quot;</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="214"/>
        <source>考生编号</source>
        <translation>Applicant no.</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="214"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="214"/>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="215"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="246"/>
        <source>有 {n} 处错误，未保存：请先改正标红的栏目。</source>
        <translation>Not saved: {n} problem(s) — correct the fields marked in red first.</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="253"/>
        <source>未保存：请勾选申报等级。</source>
        <translation>Not saved: tick the levels applied for.</translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="264"/>
        <source>未保存：</source>
        <translation>Not saved: </translation>
    </message>
    <message>
        <location filename="../screening/applicant_form.py" line="269"/>
        <source>已保存（第 {version} 版）。</source>
        <translation>Saved (version {version}).</translation>
    </message>
    <message>
        <source>照片 {width}×{height}（打印准考证时使用）</source>
        <translation>Photo {width}×{height} (printed on the admission slip)</translation>
    </message>
    <message>
        <source>无照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <source>文件 → 导入照片文件夹，或在导入模板的「照片」列填写文件名</source>
        <translation>File → Import photo folder, or give a file name in the import template's 照片 column</translation>
    </message>
</context>
<context>
    <name>ApplicantListPanel</name>
    <message>
        <location filename="../screening/applicant_list_panel.py" line="30"/>
        <source>搜索姓名、身份证号码、学校、专业 (Ctrl+F)</source>
        <translation>Search name, ID number, school, major (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../screening/applicant_list_panel.py" line="39"/>
        <source>全部结论</source>
        <translation>All verdicts</translation>
    </message>
    <message>
        <location filename="../screening/applicant_list_panel.py" line="44"/>
        <source>已决定/未决定</source>
        <translation>Decided or not</translation>
    </message>
    <message>
        <location filename="../screening/applicant_list_panel.py" line="45"/>
        <source>已决定</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../screening/applicant_list_panel.py" line="46"/>
        <source>未决定</source>
        <translation>Undecided</translation>
    </message>
    <message>
        <location filename="../screening/applicant_list_panel.py" line="87"/>
        <source>全部等级</source>
        <translation>All levels</translation>
    </message>
    <message>
        <location filename="../screening/applicant_list_panel.py" line="138"/>
        <source>显示 {shown} / 共 {total} 名考生</source>
        <translation>Showing {shown} of {total} applicants</translation>
    </message>
</context>
<context>
    <name>ApplicantTableModel</name>
    <message>
        <location filename="../screening/applicant_table_model.py" line="46"/>
        <source>考生编号</source>
        <translation>Applicant no.</translation>
    </message>
    <message>
        <location filename="../screening/applicant_table_model.py" line="46"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../screening/applicant_table_model.py" line="46"/>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../screening/applicant_table_model.py" line="46"/>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <location filename="../screening/applicant_table_model.py" line="47"/>
        <source>专业</source>
        <translation>Major</translation>
    </message>
    <message>
        <location filename="../screening/applicant_table_model.py" line="47"/>
        <source>申报等级</source>
        <translation>Levels</translation>
    </message>
    <message>
        <location filename="../screening/applicant_table_model.py" line="47"/>
        <source>审核结论</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <location filename="../screening/applicant_table_model.py" line="47"/>
        <source>复核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../screening/applicant_table_model.py" line="166"/>
        <source>待复核</source>
        <translation>Review pending</translation>
    </message>
    <message>
        <location filename="../screening/applicant_table_model.py" line="168"/>
        <source>已决定</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../screening/applicant_table_model.py" line="168"/>
        <source>已决定：{who}</source>
        <translation>Decided: {who}</translation>
    </message>
</context>
<context>
    <name>DeskOperations</name>
    <message>
        <location filename="../screening/desk_operations.py" line="61"/>
        <source>正在导入考生名单…</source>
        <translation>Importing applicants…</translation>
    </message>
    <message>
        <location filename="../screening/desk_operations.py" line="67"/>
        <source>导入完成：读入 {read} 人，新增 {created} 人，更新 {updated} 人（同一身份证号码的记录已更新）。</source>
        <translation>Import done: {read} read, {created} new, {updated} updated (records with the same ID number were updated).</translation>
    </message>
    <message>
        <location filename="../screening/desk_operations.py" line="74"/>
        <source>正在审核本批次…</source>
        <translation>Screening the batch…</translation>
    </message>
    <message>
        <location filename="../screening/desk_operations.py" line="78"/>
        <source>审核完成（规则版本 {version}）：符合 {eligible}，不符合 {ineligible}，待人工审核 {review}，记录有误 {error}；用时 {seconds:.1f} 秒。</source>
        <translation>Screened (rule version {version}): {eligible} eligible, {ineligible} ineligible, {review} need review, {error} record errors; {seconds:.1f} s.</translation>
    </message>
    <message>
        <location filename="../screening/desk_operations.py" line="87"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../screening/desk_operations.py" line="88"/>
        <source>已导出 {rows} 行到 {path}</source>
        <translation>Exported {rows} rows to {path}</translation>
    </message>
    <message>
        <location filename="../screening/desk_operations.py" line="110"/>
        <source>模板已保存：{path}（填写后用「导入」读入）</source>
        <translation>Template saved: {path} (fill it in, then read it with Import)</translation>
    </message>
    <message>
        <location filename="../screening/desk_operations.py" line="114"/>
        <source>操作失败：{error}</source>
        <translation>Failed: {error}</translation>
    </message>
    <message>
        <location filename="../screening/desk_operations.py" line="118"/>
        <source>已取消，数据库未作任何改动。</source>
        <translation>Cancelled; the database was not changed.</translation>
    </message>
</context>
<context>
    <name>EmptyStatePanel</name>
    <message>
        <location filename="../common/empty_state_panel.py" line="15"/>
        <source>还没有考试批次</source>
        <translation>No assessment batch yet</translation>
    </message>
    <message>
        <location filename="../common/empty_state_panel.py" line="17"/>
        <source>导入考生名单（Excel、CSV 或交换格式 JSON）建立第一个批次，或先打开演示数据看看桌面如何工作。</source>
        <translation>Import a list of applicants (Excel, CSV or interchange JSON) to start the first batch, or open the demo data to see how the desk works.</translation>
    </message>
    <message>
        <location filename="../common/empty_state_panel.py" line="23"/>
        <source>导入考生名单… (Ctrl+I)</source>
        <translation>Import applicants… (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../common/empty_state_panel.py" line="26"/>
        <source>打开演示数据</source>
        <translation>Open demo data</translation>
    </message>
</context>
<context>
    <name>ImportProblemModel</name>
    <message>
        <location filename="../common/import_problem_model.py" line="24"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../common/import_problem_model.py" line="24"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../common/import_problem_model.py" line="24"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../common/import_problem_model.py" line="24"/>
        <source>内容</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../common/import_problem_model.py" line="24"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../common/import_report_dialog.py" line="19"/>
        <source>导入未完成</source>
        <translation>Import refused</translation>
    </message>
    <message>
        <location filename="../common/import_report_dialog.py" line="20"/>
        <source>「{file}」有 {n} 处问题，未写入任何数据。请改正后重新导入。</source>
        <translation>&quot;{file}&quot; has {n} problem(s); nothing was written. Correct them and import again.</translation>
    </message>
    <message>
        <location filename="../common/import_report_dialog.py" line="37"/>
        <source>已生成标出错误单元格的工作簿：{path}</source>
        <translation>A workbook with the bad cells marked was written: {path}</translation>
    </message>
    <message>
        <location filename="../common/import_report_dialog.py" line="40"/>
        <source>打开错误报告</source>
        <translation>Open problem report</translation>
    </message>
</context>
<context>
    <name>BackupOperations</name>
    <message>
        <location filename="../common/backup_operations.py" line="1"/>
        <source>备份数据库</source>
        <translation>Back up the database</translation>
    </message>
    <message>
        <location filename="../common/backup_operations.py" line="1"/>
        <source>备份文件 (*.sqlite3 *.pgdump);;所有文件 (*)</source>
        <translation>Backup files (*.sqlite3 *.pgdump);;All files (*)</translation>
    </message>
    <message>
        <location filename="../common/backup_operations.py" line="1"/>
        <source>正在备份数据库…</source>
        <translation>Backing up the database…</translation>
    </message>
    <message>
        <location filename="../common/backup_operations.py" line="1"/>
        <source>数据库已备份到：{path}</source>
        <translation>Database backed up to: {path}</translation>
    </message>
    <message>
        <location filename="../common/backup_operations.py" line="1"/>
        <source>备份未完成：{error}</source>
        <translation>Backup not finished: {error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>账户(&amp;A)</source>
        <translation>&amp;Accounts</translation>
    </message>
    <message>
        <source>已切换到账户 {who}</source>
        <translation>Switched to account {who}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="43"/>
        <source>Eligibility Desk 职业技能等级认定考务桌面</source>
        <extracomment>workspace keys in tab order; each is filled by set_workspace() when the window is built the batch selector&apos;s entry for every applicant on file, whatever their batch (search across batches)</extracomment>
        <translation>Eligibility Desk</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="54"/>
        <location filename="../main_window.py" line="187"/>
        <source>审核</source>
        <translation>Screening</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="54"/>
        <source>编排</source>
        <translation>Planning</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="54"/>
        <source>打印</source>
        <translation>Printing</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="54"/>
        <source>成绩</source>
        <translation>Scores</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="93"/>
        <source>「{title}」工作区将在这里显示。</source>
        <translation>The {title} workspace will appear here.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="138"/>
        <source>下载考生导入模板…</source>
        <translation>Download applicant import template…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="139"/>
        <source>导入考生名单…</source>
        <translation>Import applicants…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="140"/>
        <source>导出本批…</source>
        <translation>Export batch…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="141"/>
        <source>下载考务资源模板…</source>
        <translation>Download resources template…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="143"/>
        <source>考务资源…</source>
        <translation>Resources…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="144"/>
        <source>新建批次…</source>
        <translation>New batch…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="145"/>
        <source>打开演示数据</source>
        <translation>Open demo data</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="146"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="146"/>
        <source>备份…</source>
        <translation>Back up…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="147"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="149"/>
        <source>审核本批</source>
        <translation>Screen batch</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="150"/>
        <source>刷新</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="151"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="152"/>
        <source>新建考生</source>
        <translation>New applicant</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="153"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="155"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="158"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="165"/>
        <source>用户指南</source>
        <translation>User guide</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="166"/>
        <source>键盘快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="167"/>
        <source>关于 Eligibility Desk</source>
        <translation>About Eligibility Desk</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="169"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="172"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="173"/>
        <source>批次(&amp;B)</source>
        <translation>&amp;Batch</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="174"/>
        <source>查看(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="175"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="183"/>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="185"/>
        <source> 批次：</source>
        <translation> Batch: </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="205"/>
        <source>数据库尚未打开</source>
        <translation>The database is not open yet</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="206"/>
        <source>请先在工具栏选择一个批次，或用「新建批次」建立一个</source>
        <translation>Choose a batch in the toolbar first, or create one with New batch</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="212"/>
        <source>「全部批次」下不能导入：请先选择一个批次</source>
        <translation>Cannot import into “All batches”: choose one batch first</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="231"/>
        <source>Eligibility Desk 职业技能等级认定考务桌面 — {db}</source>
        <translation>Eligibility Desk — {db}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="244"/>
        <source>{name}（{standard}，{n} 人）</source>
        <translation>{name} ({standard}, {n} applicants)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="247"/>
        <source>全部批次（所有考生）</source>
        <translation>All batches (every applicant)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="326"/>
        <source>导入考生名单</source>
        <translation>Import applicants</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="327"/>
        <source>考生名单 (*.xlsx *.csv *.json)</source>
        <translation>Applicant lists (*.xlsx *.csv *.json)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="339"/>
        <source>导出本批</source>
        <translation>Export batch</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="340"/>
        <location filename="../main_window.py" line="348"/>
        <location filename="../main_window.py" line="356"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="347"/>
        <source>下载考生导入模板</source>
        <translation>Download applicant import template</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="348"/>
        <source>考生导入模板.xlsx</source>
        <translation>applicant-template.xlsx</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="355"/>
        <source>下载考务资源模板</source>
        <translation>Download resources template</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="356"/>
        <source>考务资源模板.xlsx</source>
        <translation>resources-template.xlsx</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="407"/>
        <location filename="../main_window.py" line="422"/>
        <source>正在生成演示数据…</source>
        <translation>Generating demo data…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="426"/>
        <source>无法打开数据库：{error}</source>
        <translation>Cannot open the database: {error}</translation>
    </message>
    <message>
        <source>导入照片文件夹…</source>
        <translation>Import photo folder…</translation>
    </message>
</context>
<context>
    <name>NewBatchDialog</name>
    <message>
        <location filename="../new_batch_dialog.py" line="1" />
        <source>规则版本</source>
        <translation>Rule version</translation>
    </message>
    <message>
        <location filename="../new_batch_dialog.py" line="1" />
        <source>按审核基准日适用的版本</source>
        <translation>The version in force on the as-of date</translation>
    </message>
    <message>
        <location filename="../new_batch_dialog.py" line="1" />
        <source>{version}（{date} 起施行）</source>
        <translation>{version} (in force from {date})</translation>
    </message>
    <message>
        <location filename="../new_batch_dialog.py" line="26"/>
        <source>新建考试批次</source>
        <translation>New assessment batch</translation>
    </message>
    <message>
        <location filename="../new_batch_dialog.py" line="28"/>
        <source>{year} 年第 1 批</source>
        <translation>{year} batch 1</translation>
    </message>
    <message>
        <location filename="../new_batch_dialog.py" line="46"/>
        <source>批次名称</source>
        <translation>Batch name</translation>
    </message>
    <message>
        <location filename="../new_batch_dialog.py" line="47"/>
        <source>职业标准</source>
        <translation>Occupational standard</translation>
    </message>
    <message>
        <location filename="../new_batch_dialog.py" line="48"/>
        <source>申报等级</source>
        <translation>Levels</translation>
    </message>
    <message>
        <location filename="../new_batch_dialog.py" line="49"/>
        <source>审核基准日</source>
        <translation>As-of date</translation>
    </message>
</context>
<context>
    <name>PanelScoreModel</name>
    <message>
        <location filename="../scores/panel_score_model.py" line="74"/>
        <source>座位号</source>
        <extracomment>what was typed when a score was last refused: the table reopens the cell with it (RefusedCellReopener)</extracomment>
        <translation>Seat</translation>
    </message>
    <message>
        <location filename="../scores/panel_score_model.py" line="74"/>
        <source>准考证号</source>
        <translation>Admission no.</translation>
    </message>
    <message>
        <location filename="../scores/panel_score_model.py" line="74"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../scores/panel_score_model.py" line="77"/>
        <source>均分</source>
        <translation>Mean</translation>
    </message>
    <message>
        <location filename="../scores/panel_score_model.py" line="77"/>
        <source>分差</source>
        <translation>Spread</translation>
    </message>
    <message>
        <location filename="../scores/panel_score_model.py" line="77"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../scores/panel_score_model.py" line="112"/>
        <source>分差超过 {gap} 分，须考评组长复核</source>
        <translation>spread above {gap}: the panel leader must review</translation>
    </message>
    <message>
        <location filename="../scores/panel_score_model.py" line="113"/>
        <source>完成</source>
        <translation>complete</translation>
    </message>
    <message>
        <location filename="../scores/panel_score_model.py" line="113"/>
        <source>尚缺 {n} 人</source>
        <translation>{n} examiner(s) missing</translation>
    </message>
    <message>
        <location filename="../scores/panel_score_model.py" line="128"/>
        <source>空</source>
        <translation>empty</translation>
    </message>
    <message>
        <location filename="../scores/panel_score_model.py" line="130"/>
        <source>该分已在另一台电脑上被修改（现为 {now}），您输入的「{text}」未保存，请核对后重新输入</source>
        <translation>changed at another desk meanwhile (now {now}); your &apos;{text}&apos; was not saved — check and enter again</translation>
    </message>
    <message>
        <location filename="../scores/panel_score_model.py" line="137"/>
        <source>座位 {seat}，{examiner}：{message}</source>
        <translation>Seat {seat}, {examiner}: {message}</translation>
    </message>
</context>
<context>
    <name>PanelScorePanel</name>
    <message>
        <location filename="../scores/panel_score_panel.py" line="56"/>
        <source>采用均分作为本录入人的成绩</source>
        <translation>Use the means as this recorder&apos;s scores</translation>
    </message>
    <message>
        <location filename="../scores/panel_score_panel.py" line="91"/>
        <source>考评组 {n} 人：{names}；分差超过 {gap} 分时标黄。</source>
        <translation>Panel of {n}: {names}; a spread above {gap} is marked yellow.</translation>
    </message>
    <message>
        <location filename="../scores/panel_score_panel.py" line="145"/>
        <source>已将 {n} 个座位的均分录为第 {r} 录入人的成绩。</source>
        <translation>Entered the means of {n} seat(s) as recorder {r}&apos;s scores.</translation>
    </message>
    <message>
        <location filename="../scores/panel_score_panel.py" line="44"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../scores/panel_score_panel.py" line="48"/>
        <source>重新读取各考评员的评分，包括其他电脑录入的（F5）</source>
        <translation>Read every examiner&apos;s scores again, also those entered at other desks (F5)</translation>
    </message>
</context>
<context>
    <name>PdfFontChooser</name>
    <message>
        <location filename="../common/pdf_font_chooser.py" line="48"/>
        <source>自动（$ELIGIBILITY_DESK_FONT、系统字体或随附的文泉驿微米黑）</source>
        <translation>Automatic ($ELIGIBILITY_DESK_FONT, a system font or the bundled WenQuanYi Micro Hei)</translation>
    </message>
    <message>
        <location filename="../common/pdf_font_chooser.py" line="53"/>
        <source>序号 </source>
        <translation>face </translation>
    </message>
    <message>
        <location filename="../common/pdf_font_chooser.py" line="54"/>
        <source>.ttc 字体集中的第几款字体（从 0 起）；.ttf 为 0</source>
        <translation>Which face of a .ttc collection (from 0); 0 for a .ttf</translation>
    </message>
    <message>
        <location filename="../common/pdf_font_chooser.py" line="55"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../common/pdf_font_chooser.py" line="57"/>
        <source>自动</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <location filename="../common/pdf_font_chooser.py" line="87"/>
        <source>选择打印字体</source>
        <translation>Choose the font for printed documents</translation>
    </message>
    <message>
        <location filename="../common/pdf_font_chooser.py" line="88"/>
        <source>TrueType 字体 (*.ttf *.ttc)</source>
        <translation>TrueType fonts (*.ttf *.ttc)</translation>
    </message>
    <message>
        <location filename="../common/pdf_font_chooser.py" line="102"/>
        <source>字体文件不存在：{path}</source>
        <translation>Font file not found: {path}</translation>
    </message>
    <message>
        <location filename="../common/pdf_font_chooser.py" line="104"/>
        <source>「{name}」不含汉字，印不出中文。</source>
        <translation>{name} has no Chinese characters and cannot print Chinese.</translation>
    </message>
    <message>
        <source>「{name}」缺少文档要印的字符：{characters}；请另选字体（如文泉驿微米黑、微软雅黑）。</source>
        <translation>'{name}' lacks characters the documents print: {characters}; choose another font (such as WenQuanYi Micro Hei or Microsoft YaHei).</translation>
    </message>
    <message>
        <location filename="../common/pdf_font_chooser.py" line="110"/>
        <source>「{name}」只有 {n} 款字体（第 0–{last} 款），没有第 {index} 款。</source>
        <translation>{name} holds {n} faces (0–{last}); there is no face {index}.</translation>
    </message>
    <message>
        <location filename="../common/pdf_font_chooser.py" line="113"/>
        <source>「{name}」是 CFF 轮廓的 OpenType 字体（如 Noto Sans CJK、思源黑体），PDF 无法嵌入；请选择 TrueType 轮廓的 .ttf / .ttc 字体（如微软雅黑、黑体、文泉驿）。</source>
        <translation>{name} is an OpenType font with CFF outlines (like Noto Sans CJK or Source Han Sans), which cannot be embedded in the PDF; choose a .ttf / .ttc font with TrueType outlines (like Microsoft YaHei, SimHei, WenQuanYi).</translation>
    </message>
    <message>
        <location filename="../common/pdf_font_chooser.py" line="115"/>
        <source>「{name}」不是 TrueType 字体文件（.ttf / .ttc）。</source>
        <translation>{name} is not a TrueType font file (.ttf / .ttc).</translation>
    </message>
</context>
<context>
    <name>PlanTableModel</name>
    <message>
        <location filename="../planning/plan_table_model.py" line="64"/>
        <source>时间</source>
        <extracomment>hard violations, soft warnings — emitted after every re-check</extracomment>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../planning/plan_table_model.py" line="64"/>
        <source>考场</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../planning/plan_table_model.py" line="64"/>
        <source>科目</source>
        <translation>Part</translation>
    </message>
    <message>
        <location filename="../planning/plan_table_model.py" line="64"/>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../planning/plan_table_model.py" line="64"/>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../planning/plan_table_model.py" line="65"/>
        <source>座号</source>
        <translation>Seat</translation>
    </message>
    <message>
        <location filename="../planning/plan_table_model.py" line="65"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../planning/plan_table_model.py" line="65"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../planning/plan_table_model.py" line="65"/>
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../planning/plan_table_model.py" line="65"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../planning/plan_table_model.py" line="172"/>
        <source>第{0}考场 {1}</source>
        <translation>Room {0} {1}</translation>
    </message>
    <message>
        <location filename="../planning/plan_table_model.py" line="179"/>
        <source>考生</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <location filename="../planning/plan_table_model.py" line="182"/>
        <source>（主监考）</source>
        <translation>(chief invigilator)</translation>
    </message>
    <message>
        <location filename="../planning/plan_table_model.py" line="270"/>
        <source>移动 {name} 到 {room}</source>
        <translation>Move {name} to {room}</translation>
    </message>
    <message>
        <location filename="../planning/plan_table_model.py" line="267"/>
        <source>移动 {n} 人 到 {room}</source>
        <translation>Move {n} people to {room}</translation>
    </message>
</context>
<context>
    <name>PlannerView</name>
    <message>
        <location filename="../planning/planner_view.py" line="108"/>
        <source>时间表</source>
        <translation>Timetable</translation>
    </message>
    <message>
        <location filename="../planning/planner_view.py" line="109"/>
        <source>列表</source>
        <translation>List</translation>
    </message>
    <message>
        <location filename="../planning/planner_view.py" line="26"/>
        <source>时段</source>
        <translation>Slot</translation>
    </message>
    <message>
        <location filename="../planning/planner_view.py" line="71"/>
        <source>全部时段</source>
        <translation>All slots</translation>
    </message>
    <message>
        <location filename="../planning/planner_view.py" line="83"/>
        <source>{0} 处违规，{1} 条提示</source>
        <translation>{0} violations, {1} notes</translation>
    </message>
    <message>
        <location filename="../planning/planner_view.py" line="87"/>
        <source>违规</source>
        <translation>Violation</translation>
    </message>
    <message>
        <location filename="../planning/planner_view.py" line="87"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../planning/planner_view.py"/>
        <source>提示周末场次</source>
        <translation>Note weekend sessions</translation>
    </message>
    <message>
        <location filename="../planning/planner_view.py"/>
        <source>在周末（非调休上班日）安排的场次给出提示。常在周末考试的中心可关闭；法定节假日总会提示。本中心所有电脑共用此设置。</source>
        <translation>Note sessions on a weekend day that is not a make-up working day. Centres that usually examine at weekends may turn this off; statutory holidays are always noted. One setting for every computer of the centre.</translation>
    </message>
    <message>
        <location filename="../planning/planner_view.py"/>
        <source>正在全面检查… {0}/{1}</source>
        <translation>Checking the whole plan… {0}/{1}</translation>
    </message>
</context>
<context>
    <name>PlanningWorkspace</name>
    <message>
        <location filename="../planning/planning_workspace.py" line="362"/>
        <source>将第 {n} 版编排定稿？定稿后按此打印准考证、门贴和签到表。</source>
        <translation>Finalise plan version {n}? Admission slips, door lists and sign-in sheets are then printed from it.</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="365"/>
        <source>未安排 {n} 人次：</source>
        <translation>{n} sitting(s) unplaced:</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="368"/>
        <source>  …等共 {n} 人次</source>
        <translation>  … {n} in all</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="370"/>
        <source>全部考生均已安排。</source>
        <translation>Every candidate is placed.</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="376"/>
        <source>违规 0 处，提示 {n} 处。</source>
        <translation>No violations, {n} warning(s).</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="380"/>
        <source>{n} 名考生没有任何场次，不会打印准考证：{who}</source>
        <translation>{n} candidate(s) have no session and get no admission slip: {who}</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="80"/>
        <location filename="../planning/planning_workspace.py" line="121"/>
        <source>打开编排场景…</source>
        <translation>Open planning scenario…</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="75"/>
        <source>生成编排</source>
        <translation>Make plan</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="76"/>
        <source>重新编排…</source>
        <translation>Re-plan…</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="77"/>
        <location filename="../planning/planning_workspace.py" line="326"/>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="78"/>
        <location filename="../planning/planning_workspace.py" line="238"/>
        <source>定稿</source>
        <translation>Finalise</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="79"/>
        <source>考务资源…</source>
        <translation>Resources…</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="100"/>
        <source>打开一个考试批次后，在这里按「生成编排」(F9) 把已通过审核的考生编入考场，再拖动考生或考务人员调整，违规之处即时标出。
也可以打开编排场景文件（与 eligibility-desk plan 相同的 JSON）。</source>
        <translation>With an assessment batch open, press &quot;Make plan&quot; (F9) to place the approved candidates in rooms, then drag candidates or staff to adjust; violations are flagged at once.
You can also open a planning scenario file (the JSON of eligibility-desk plan).</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="201"/>
        <source>未选择考试批次。</source>
        <translation>No assessment batch chosen.</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="214"/>
        <source>本批次还没有编排。先在「考务资源」里确认考场、人员和时段，再按「生成编排」(F9)。</source>
        <translation>This batch has no plan yet. Check rooms, staff and slots under &quot;Resources&quot;, then press &quot;Make plan&quot; (F9).</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="237"/>
        <source>生成</source>
        <translation>planned</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="237"/>
        <source>重新编排</source>
        <translation>Re-plan</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="237"/>
        <source>手工调整</source>
        <translation>edited by hand</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="238"/>
        <source>草稿</source>
        <translation>draft</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="245"/>
        <source>未安排：{who} {why}</source>
        <translation>Unplaced: {who} {why}</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="269"/>
        <source>编排已手工调整（{hard} 处违规），按「保存修改」存为新版本。</source>
        <translation>Plan edited by hand ({hard} violation(s)); &quot;Save changes&quot; stores it as a new version.</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="295"/>
        <source>种子应为整数：{text}</source>
        <translation>The seed must be a whole number: {text}</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="300"/>
        <source>正在编排本批次…</source>
        <translation>Planning the batch…</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="301"/>
        <source>已取消编排，未保存任何内容。</source>
        <translation>Planning cancelled; nothing was stored.</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="319"/>
        <source>正在重新编排…</source>
        <translation>Re-planning…</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="320"/>
        <source>已取消重新编排，未保存任何内容。</source>
        <translation>Re-planning cancelled; nothing was stored.</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="326"/>
        <source>调整后的编排有 {n} 处违规。仍保存为新版本吗？（有违规的编排不能定稿，打印前须改正。）</source>
        <translation>The edited plan has {n} violation(s). Store it as a new version anyway? (A plan with violations cannot be finalised; fix it before printing.)</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="346"/>
        <source>第 {n} 版编排已定稿，可打印准考证等材料。</source>
        <translation>Plan version {n} is final; admission slips and the other documents can be printed.</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="353"/>
        <source>重新编排：{n} 处变动</source>
        <translation>Re-planned: {n} change(s)</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="386"/>
        <source>考务资源已修改；按「生成编排」或「重新编排」使其生效。</source>
        <translation>Resources changed; &quot;Make plan&quot; or &quot;Re-plan&quot; takes them into account.</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="418"/>
        <source>打开编排场景</source>
        <translation>Open planning scenario</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="418"/>
        <source>编排场景 (*.json)</source>
        <translation>Planning scenarios (*.json)</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="423"/>
        <source>正在编排…</source>
        <translation>Planning…</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="435"/>
        <source>无法编排：{error}</source>
        <translation>Cannot plan: {error}</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="282"/>
        <source>{source} · 有未保存的调整</source>
        <translation>{source} · unsaved edits</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="272"/>
        <source>编排与第 {n} 版保存时相同。</source>
        <translation>The plan is as stored in version {n}.</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="83"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="85"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py" line="395"/>
        <source>「编排」有未保存的手工调整（基于第 {n} 版）。</source>
        <translation>Planning has unsaved hand edits (based on version {n}).</translation>
    </message>
    <message>
        <source>第 {n} 版（{status}，{kind}）· {who} {when:%Y-%m-%d %H:%M} · {cands} 名考生 {sessions} 场 · 未安排 {unplaced}</source>
        <translation>Version {n} ({status}, {kind}) · {who} {when:%Y-%m-%d %H:%M} · {cands} candidates, {sessions} sessions · {unplaced} unplaced</translation>
    </message>
    <message>
        <source>已保存第 {n} 版编排：{v} 处违规。</source>
        <translation>Stored plan version {n}: {v} violation(s).</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py"/>
        <source>未保存：{error}</source>
        <translation>Not saved: {error}</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py"/>
        <source>已设置：周末的场次给出提示（本中心所有电脑）。</source>
        <translation>Set: sessions at weekends are noted (every computer of the centre).</translation>
    </message>
    <message>
        <location filename="../planning/planning_workspace.py"/>
        <source>已设置：周末的场次不再提示，法定节假日仍提示（本中心所有电脑）。</source>
        <translation>Set: sessions at weekends are no longer noted; statutory holidays still are (every computer of the centre).</translation>
    </message>
</context>
<context>
    <name>PrintingWorkspace</name>
    <message>
        <location filename="../printing/printing_workspace.py" line="171"/>
        <source>请在上方「批次」中选择一个，或用「批次 → 新建批次…」建立一个。</source>
        <translation>Choose one under Batch at the top, or make one with Batch → New batch…</translation>
    </message>
    <message>
        <source>本账户的角色只能看到打码的身份证号码</source>
        <translation>This account's roles see ID numbers masked only</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="82"/>
        <source>准考证</source>
        <extracomment>QSettings key of the last folder chosen for the PDFs</extracomment>
        <translation>Admission slips</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="82"/>
        <source>签到表</source>
        <translation>Sign-in sheets</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="82"/>
        <source>考场门贴</source>
        <translation>Door lists</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="83"/>
        <source>成绩登记表</source>
        <translation>Score sheets</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="83"/>
        <source>考务包</source>
        <translation>Exam-day pack</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="84"/>
        <source>每名考生一张，含二维码校验</source>
        <translation>One per candidate, with a QR check code</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="84"/>
        <source>每个考场一份</source>
        <translation>One per room</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="85"/>
        <source>贴在考场门口</source>
        <translation>For the room door</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="85"/>
        <source>每个考场、每个科目一份</source>
        <translation>One per room and part</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="86"/>
        <source>逐考场：门贴、签到表、成绩登记表</source>
        <translation>Per room: door list, sign-in sheet, score sheets</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="100"/>
        <source>准考证选项</source>
        <translation>Admission slip options</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="101"/>
        <source>每页两张（A5）</source>
        <translation>Two per page (A5)</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="102"/>
        <source>补打（加印「补打」标记）</source>
        <translation>Reprint (adds the 补打 mark)</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="103"/>
        <source>身份证号中间打码</source>
        <translation>Mask the middle of ID numbers</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="110"/>
        <source>更改文件夹…</source>
        <translation>Change folder…</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="112"/>
        <source>验证准考证…</source>
        <translation>Verify a slip…</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="116"/>
        <source>保存到：</source>
        <translation>Save to:</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="125"/>
        <source>打开 PDF</source>
        <translation>Open PDF</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="159"/>
        <source>未选择考试批次。</source>
        <translation>No assessment batch chosen.</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="177"/>
        <source>本批次还没有编排。
先在「编排」生成编排，再回到这里打印准考证、签到表、考场门贴和成绩登记表。</source>
        <translation>This batch has no plan yet.
Make one under &quot;Planning&quot; first, then print admission slips, sign-in sheets, door lists and score sheets here.</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="181"/>
        <source>已定稿</source>
        <translation>final</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="184"/>
        <source>草稿，尚未定稿——打印前请在「编排」定稿</source>
        <translation>draft, not final — finalise it under &quot;Planning&quot; before printing</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="187"/>
        <source>{batch}：第 {n} 版编排（{state}），{cands} 名考生、{sessions} 场、{violations} 处违规</source>
        <translation>{batch}: plan version {n} ({state}), {cands} candidates, {sessions} sessions, {violations} violation(s)</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="208"/>
        <source>正在生成 {name}…</source>
        <translation>Making {name}…</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="212"/>
        <source>正在生成「{name}」…</source>
        <translation>Making &quot;{name}&quot;…</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="218"/>
        <source>已生成 {pages} 页（{items} 份）：{path}</source>
        <translation>Wrote {pages} page(s) ({items} item(s)): {path}</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="221"/>
        <source>；{n} 条提示（如照片无法读取，已留空框）</source>
        <translation>; {n} warning(s) (e.g. an unreadable photo, left as an empty box)</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="230"/>
        <source>未能生成：{error}</source>
        <translation>Not written: {error}</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="234"/>
        <source>已取消，未生成文件。</source>
        <translation>Cancelled; no file was written.</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="243"/>
        <source>保存到文件夹</source>
        <translation>Save to folder</translation>
    </message>
    <message>
        <location filename="../printing/printing_workspace.py" line="150"/>
        <source>上次使用的文件夹 {gone} 已不存在，改存到 {folder}。</source>
        <translation>The folder used last time, {gone}, no longer exists; saving to {folder}.</translation>
    </message>
    <message>
        <source>准考证校验码密钥</source>
        <translation>Admission slip check-code key</translation>
    </message>
    <message>
        <source>已为本考点生成准考证校验码密钥（指纹 {fingerprint}），保存在数据库中。
连接同一数据库的各台电脑共用此密钥打印和验证准考证，无需复制文件。</source>
        <translation>Created the centre's check-code key (fingerprint {fingerprint}) and stored it in the database.
Every desk on this database prints and verifies slips with it; no file needs copying.</translation>
    </message>
</context>
<context>
    <name>RecordColumns</name>
    <message>
        <location filename="../record_columns.py" line="1" />
        <source>证书标准代码（1+X）</source>
        <translation>Certificate standard code (1+X)</translation>
    </message>
    <message>
        <location filename="../record_columns.py" line="1" />
        <source>培训职业（工种）</source>
        <translation>Training occupation</translation>
    </message>
    <message>
        <location filename="../record_columns.py" line="1" />
        <source>培训等级</source>
        <translation>Training level</translation>
    </message>
    <message>
        <location filename="../record_columns.py" line="1" />
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../record_columns.py" line="1" />
        <source>结业日期</source>
        <translation>Finished on</translation>
    </message>
    <message>
        <location filename="../record_columns.py" line="1" />
        <source>学徒职业（工种）</source>
        <translation>Apprenticeship occupation</translation>
    </message>
    <message>
        <location filename="../record_columns.py" line="1" />
        <source>期满日期（空为未满）</source>
        <translation>Completed on (empty: not yet)</translation>
    </message>
    <message>
        <location filename="../record_columns.py" line="1" />
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../record_columns.py" line="1" />
        <source>学徒</source>
        <translation>Apprenticeships</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="52"/>
        <source>学校类型</source>
        <translation>School type</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="55"/>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="56"/>
        <source>专业</source>
        <translation>Major</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="57"/>
        <source>毕业（预计）日期</source>
        <translation>Graduation (expected)</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="58"/>
        <source>在读</source>
        <translation>In school</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="59"/>
        <source>班级类型</source>
        <translation>Class type</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="61"/>
        <source>经评估论证</source>
        <translation>Assessed programme</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="64"/>
        <location filename="../screening/record_columns.py" line="70"/>
        <source>职业（工种）</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="65"/>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="66"/>
        <source>开始日期</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="67"/>
        <source>结束日期（空为至今）</source>
        <translation>End (empty: ongoing)</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="71"/>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="73"/>
        <source>发证日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="74"/>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="77"/>
        <source>职称级别</source>
        <translation>Title grade</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="80"/>
        <source>职称名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="81"/>
        <source>取得日期</source>
        <translation>Obtained on</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="82"/>
        <source>专业对应</source>
        <translation>Matches profession</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="87"/>
        <source>学历</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="88"/>
        <source>工作经历</source>
        <translation>Work</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="89"/>
        <source>证书</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <location filename="../screening/record_columns.py" line="90"/>
        <source>职称</source>
        <translation>Titles</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <location filename="../screening/record_table_model.py" line="76"/>
        <source>日期格式：YYYY-MM-DD</source>
        <translation>Date: YYYY-MM-DD</translation>
    </message>
</context>
<context>
    <name>ReplanDialog</name>
    <message>
        <location filename="../planning/replan_dialog.py" line="14"/>
        <location filename="../planning/replan_dialog.py" line="28"/>
        <source>重新编排</source>
        <translation>Re-plan</translation>
    </message>
    <message>
        <location filename="../planning/replan_dialog.py" line="15"/>
        <source>重新编排只改动受变化影响的部分，并列出每一处变动。
· 考场不能用了：在下面勾选；
· 人员请假：先在「考务资源」里停用此人；
· 补报考生：先在「审核」里通过其报名。</source>
        <translation>Re-planning changes only what a change breaks and lists every move.
· A room lost: tick it below;
· Staff off sick: retire them under &quot;Resources&quot; first;
· A walk-in: approve the application under &quot;Screening&quot; first.</translation>
    </message>
    <message>
        <location filename="../planning/replan_dialog.py" line="29"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../planning/replan_dialog.py" line="34"/>
        <source>不能使用的考场：</source>
        <translation>Rooms that cannot be used:</translation>
    </message>
</context>
<context>
    <name>ResourceTableModel</name>
    <message>
        <location filename="../planning/resource_table_model.py" line="47"/>
        <source>编号</source>
        <extracomment>the roles data() serves, as plain ints: the view asks for ~8 roles per cell when it sizes or paints, and comparing Qt enums is slow in Python — other roles return at once</extracomment>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../planning/resource_table_model.py" line="47"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../planning/resource_table_model.py" line="47"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../planning/resource_table_model.py" line="47"/>
        <source>容量</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <location filename="../planning/resource_table_model.py" line="48"/>
        <source>设备</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <location filename="../planning/resource_table_model.py" line="48"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../planning/resource_table_model.py" line="48"/>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../planning/resource_table_model.py" line="48"/>
        <source>单位</source>
        <translation>Institution</translation>
    </message>
    <message>
        <location filename="../planning/resource_table_model.py" line="49"/>
        <source>不可用时间</source>
        <translation>Unavailable</translation>
    </message>
    <message>
        <location filename="../planning/resource_table_model.py" line="49"/>
        <source>考评员证书</source>
        <translation>Examiner credentials</translation>
    </message>
    <message>
        <location filename="../planning/resource_table_model.py" line="50"/>
        <source>主监考</source>
        <translation>Chief</translation>
    </message>
    <message>
        <location filename="../planning/resource_table_model.py" line="50"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../planning/resource_table_model.py" line="50"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../planning/resource_table_model.py" line="72"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../planning/resource_table_model.py" line="51"/>
        <source>在用</source>
        <translation>in use</translation>
    </message>
    <message>
        <location filename="../planning/resource_table_model.py" line="51"/>
        <source>停用</source>
        <translation>retired</translation>
    </message>
    <message>
        <location filename="../planning/resource_table_model.py" line="115"/>
        <source>编号 {code}：{reason}</source>
        <translation>Code {code}: {reason}</translation>
    </message>
    <message>
        <source>修改 {code}「{column}」</source>
        <translation>edit {code} '{column}'</translation>
    </message>
</context>
<context>
    <name>ResourcesDialog</name>
    <message>
        <location filename="../planning/resources_dialog.py" line="37"/>
        <source>考务资源：考场、人员、时段</source>
        <extracomment>the widest a column is made to fit its longest cell (a long 不可用时间 list is not shown in full)</extracomment>
        <translation>Resources: rooms, staff, time slots</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="46"/>
        <source>考场</source>
        <translation>Rooms</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="46"/>
        <source>人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="46"/>
        <source>时段（本批次）</source>
        <translation>Time slots (this batch)</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="57"/>
        <source>从 Excel 导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="61"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="92"/>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="95"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="95"/>
        <source>停用</source>
        <translation>Retire</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="98"/>
        <source>双击单元格修改；编号不可改。停用的考场和人员不再参加编排（已有编排仍保留其名称）。</source>
        <translation>Double-click a cell to edit; codes cannot change. Retired rooms and staff are left out of new plans (stored plans keep their names).</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="144"/>
        <source>已保存 {code}。</source>
        <translation>Saved {code}.</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="149"/>
        <source>未保存：{reason}</source>
        <translation>Not saved: {reason}</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="158"/>
        <source>新考场</source>
        <translation>New room</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="160"/>
        <source>新人员</source>
        <translation>New staff member</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="193"/>
        <source>导入考务资源</source>
        <translation>Import resources</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="193"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="198"/>
        <source>正在导入考务资源…</source>
        <translation>Importing resources…</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="206"/>
        <source>导入完成：考场 新增 {rc}、更新 {ru}；人员 新增 {sc}、更新 {su}；时段 新增 {tc}、更新 {tu}；未变 {same}。</source>
        <translation>Imported: rooms {rc} new, {ru} updated; staff {sc} new, {su} updated; slots {tc} new, {tu} updated; {same} unchanged.</translation>
    </message>
    <message>
        <location filename="../planning/resources_dialog.py" line="221"/>
        <source>工作簿有 {n} 处问题，未导入任何内容。</source>
        <translation>The workbook has {n} problem(s); nothing was imported.</translation>
    </message>
    <message>
        <source>双击或按 F2 修改单元格，编号不可改；不可用时间用日历选择。停用的考场和人员不再参加编排（已有编排仍保留其名称）。</source>
        <translation>Double-click or press F2 to edit a cell; the code cannot be changed; times away are picked in a calendar. Retired rooms and staff take no part in new plans (stored plans keep their names).</translation>
    </message>
    <message>
        <source>双击或按 F2 修改；开始、结束用日历选择（F4 打开日历），或用方向键调整年月日时分，回车保存，Esc 取消。</source>
        <translation>Double-click or press F2 to edit; start and end are picked in a calendar (F4 opens it) or with the arrow keys, which change year, month, day, hour and minute, Enter stores, Esc cancels.</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
</context>
<context>
    <name>ReviewQueuePanel</name>
    <message>
        <location filename="../screening/review_queue_panel.py" line="39"/>
        <source>职称与本职业专业对应，已核验职称证书原件</source>
        <translation>Title matches the profession; original certificate checked</translation>
    </message>
    <message>
        <location filename="../screening/review_queue_panel.py" line="40"/>
        <source>工作经历证明齐全，已核验</source>
        <translation>Proof of work complete and checked</translation>
    </message>
    <message>
        <location filename="../screening/review_queue_panel.py" line="41"/>
        <source>专业与本职业相关，已核对专业目录</source>
        <translation>Major is related; checked against the list of majors</translation>
    </message>
    <message>
        <location filename="../screening/review_queue_panel.py" line="42"/>
        <source>资料不全，无法核实</source>
        <translation>Documents incomplete; cannot be verified</translation>
    </message>
    <message>
        <location filename="../screening/review_queue_panel.py" line="43"/>
        <source>职称与本职业专业不对应</source>
        <translation>Title does not match the profession</translation>
    </message>
    <message>
        <location filename="../screening/review_queue_panel.py" line="49"/>
        <source>理由（必填）：按数字键选用上面的理由，或在此输入</source>
        <translation>Reason (required): press a digit to pick one above, or type here</translation>
    </message>
    <message>
        <location filename="../screening/review_queue_panel.py" line="52"/>
        <source>通过 (A)</source>
        <translation>Approve (A)</translation>
    </message>
    <message>
        <location filename="../screening/review_queue_panel.py" line="55"/>
        <source>不通过 (R)</source>
        <translation>Reject (R)</translation>
    </message>
    <message>
        <location filename="../screening/review_queue_panel.py" line="58"/>
        <source>上一条 (P)</source>
        <translation>Previous (P)</translation>
    </message>
    <message>
        <location filename="../screening/review_queue_panel.py" line="60"/>
        <source>下一条 (N)</source>
        <translation>Next (N)</translation>
    </message>
    <message>
        <location filename="../screening/review_queue_panel.py" line="117"/>
        <source>复核队列已清空：本批次没有待复核的结果。</source>
        <translation>Review queue empty: no undecided review results in this batch.</translation>
    </message>
    <message>
        <location filename="../screening/review_queue_panel.py" line="118"/>
        <source>审核结论为“待人工审核”且尚未决定的结果会出现在这里。</source>
        <translation>Results that need review and are not yet decided appear here.</translation>
    </message>
    <message>
        <location filename="../screening/review_queue_panel.py" line="122"/>
        <source>待复核 {i} / {n}：{name}（{code}）</source>
        <translation>Review {i} of {n}: {name} ({code})</translation>
    </message>
    <message>
        <location filename="../screening/review_queue_panel.py" line="143"/>
        <source>请先给出理由：按 1–{n} 选用，或在理由框中输入。</source>
        <translation>Give a reason first: press 1–{n} or type one in the reason box.</translation>
    </message>
</context>
<context>
    <name>ScoreCorrectionPanel</name>
    <message>
        <location filename="../scores/score_correction_panel.py" line="34"/>
        <source>新成绩，如 61、缺考、违纪 说明</source>
        <translation>new value, e.g. 61, 缺考, 违纪 note</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="37"/>
        <source>必填：更正理由</source>
        <translation>required: reason for the correction</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="38"/>
        <source>更正</source>
        <translation>Correct</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="42"/>
        <source>座位</source>
        <translation>Seat</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="43"/>
        <source>新成绩</source>
        <translation>New value</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="44"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="46"/>
        <source>更正（锁定后）</source>
        <translation>Correction (after the lock)</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="56"/>
        <source>考生申请复核的理由</source>
        <translation>the candidate&apos;s reason for the re-check</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="57"/>
        <source>登记复核申请</source>
        <translation>Record re-check request</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="63"/>
        <source>复核结论：维持原成绩</source>
        <translation>Outcome: unchanged</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="66"/>
        <source>复核结论：改为上方新成绩</source>
        <translation>Outcome: new value above</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="71"/>
        <source>申请日</source>
        <translation>Requested on</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="81"/>
        <source>更正记录（谁、何时、更正前 → 更正后、理由）</source>
        <translation>Corrections (who, when, before → after, reason)</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="83"/>
        <source>复核（座位同上；期限按工作日计算）</source>
        <translation>Re-checks (seat as above; deadlines in working days)</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="108"/>
        <source>锁定后才能更正或登记复核。</source>
        <translation>Corrections and re-checks are possible once the sheet is locked.</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="119"/>
        <source>{at} {by}：座位 {seat}（{candidate}）{before} → {after}；理由：{reason}</source>
        <translation>{at} {by}: seat {seat} ({candidate}) {before} → {after}; reason: {reason}</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="123"/>
        <source>尚无更正。</source>
        <translation>No corrections yet.</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="132"/>
        <source>待处理</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="132"/>
        <source>维持原成绩</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="132"/>
        <source>已更改</source>
        <translation>changed</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="133"/>
        <source>座位 {seat}（{candidate}）申请 {on}，答复期限 {deadline}，{state}</source>
        <translation>Seat {seat} ({candidate}) requested {on}, answer by {deadline}, {state}</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="144"/>
        <source>未更正：{reason}</source>
        <translation>Not corrected: {reason}</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="147"/>
        <source>未更正：本表刚被他人更正，请看更正记录后再试；您填写的内容仍在。</source>
        <translation>Not corrected: someone else just corrected this sheet; check the corrections and try again — what you typed is kept.</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="151"/>
        <source>座位 {seat} 已更正并记录。</source>
        <translation>Seat {seat} corrected and recorded.</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="162"/>
        <source>请先在列表中选择一项待处理的复核。</source>
        <translation>Choose an open re-check in the list first.</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="170"/>
        <source>复核未办结：{reason}</source>
        <translation>Re-check not closed: {reason}</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="173"/>
        <source>复核未办结：该复核刚被他人处理，请查看列表。</source>
        <translation>Re-check not closed: someone else just handled it; see the list.</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="176"/>
        <source>座位 {seat} 的复核已办结。</source>
        <translation>The re-check of seat {seat} is closed.</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="191"/>
        <source>未登记复核：{reason}</source>
        <translation>Re-check not recorded: {reason}</translation>
    </message>
    <message>
        <location filename="../scores/score_correction_panel.py" line="193"/>
        <source>已登记座位 {seat} 的复核申请，答复期限 {deadline}。</source>
        <translation>Re-check request for seat {seat} recorded; answer by {deadline}.</translation>
    </message>
</context>
<context>
    <name>ScoreSheetListModel</name>
    <message>
        <location filename="../scores/score_sheet_list_model.py" line="35"/>
        <source>两遍录入不一致的座位数</source>
        <translation>Seats where the two entries differ</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_list_model.py" line="27"/>
        <source>场次</source>
        <extracomment>custom role: the sheet&apos;s id</extracomment>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_list_model.py" line="27"/>
        <source>考场</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_list_model.py" line="27"/>
        <source>考核项目</source>
        <translation>Part</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_list_model.py" line="27"/>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_list_model.py" line="27"/>
        <source>人数</source>
        <translation>Seats</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_list_model.py" line="28"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_list_model.py" line="28"/>
        <source>不一致</source>
        <translation>Diffs</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_list_model.py" line="29"/>
        <source>未录入</source>
        <translation>not started</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_list_model.py" line="29"/>
        <source>录入中</source>
        <translation>entering</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_list_model.py" line="29"/>
        <source>待核对</source>
        <translation>to check</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_list_model.py" line="30"/>
        <source>已锁定</source>
        <translation>locked</translation>
    </message>
</context>
<context>
    <name>ScoreSheetPanel</name>
    <message>
        <source>成绩历史…</source>
        <translation>Score history…</translation>
    </message>
    <message>
        <source>谁在何时录入、清除或更正了本座位的成绩（原值 → 新值）</source>
        <translation>Who entered, cleared or corrected this seat's score, and when (old → new)</translation>
    </message>
    <message>
        <source>锁定本表</source>
        <translation>Lock this sheet</translation>
    </message>
    <message>
        <source>只能查看：{reason}</source>
        <translation>View only: {reason}</translation>
    </message>
    <message>
        <source>座位 {seat} · {name} · 准考证号 {admission}</source>
        <translation>Seat {seat} · {name} · admission no. {admission}</translation>
    </message>
    <message>
        <source>（盲录期间只列出本遍录入）</source>
        <translation> (while entry is blind, only this entry's rows are listed)</translation>
    </message>
    <message>
        <source>成绩历史</source>
        <translation>Score history</translation>
    </message>
    <message>
        <source>本座位还没有任何录入或更正记录。</source>
        <translation>Nothing has been entered or corrected for this seat yet.</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="45"/>
        <source>第一录入</source>
        <translation>Recorder 1</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="46"/>
        <source>第二录入</source>
        <translation>Recorder 2</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="47"/>
        <source>核对</source>
        <translation>Compare</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="49"/>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="66"/>
        <source>不一致</source>
        <translation>Mismatches</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="67"/>
        <source>更正与复核</source>
        <translation>Corrections</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="70"/>
        <source>考评组评分</source>
        <translation>Panel scores</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="74"/>
        <source>录入：</source>
        <translation>Entry: </translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="113"/>
        <source>两遍录入均完成后才能核对（尚有 {n} 处未录）。</source>
        <translation>Compare opens when both recorders have entered every seat ({n} entries missing).</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="121"/>
        <source>已锁定（{by}）</source>
        <translation>locked ({by})</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="121"/>
        <source>未锁定</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="122"/>
        <source>{session} · {room} · {part} · {level} 级 · {n} 人 · {state}</source>
        <translation>{session} · {room} · {part} · level {level} · {n} seats · {state}</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="166"/>
        <source>核对视图列出两遍录入的不一致之处。</source>
        <translation>The compare view lists where the two entries differ.</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="166"/>
        <source>已锁定，无不一致。</source>
        <translation>Locked; no mismatches.</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="171"/>
        <source>座位 {seat}（{candidate}）：第一遍 {first}，第二遍 {second}</source>
        <translation>Seat {seat} ({candidate}): first {first}, second {second}</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="175"/>
        <source>有 {n} 处不一致：请核对原始成绩单，由录入有误的一方重新录入后再锁定。</source>
        <translation>{n} mismatch(es): check the paper sheet; the recorder who mistyped re-enters, then lock.</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="177"/>
        <source>两遍录入一致，可以锁定。</source>
        <translation>Both entries agree: the sheet can be locked.</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="192"/>
        <location filename="../scores/score_sheet_panel.py" line="195"/>
        <source>不能锁定：{reason}</source>
        <translation>Cannot lock: {reason}</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="198"/>
        <source>不能锁定：本表已被他人修改，请重新打开。（{error}）</source>
        <translation>Cannot lock: the sheet was changed by someone else; open it again. ({error})</translation>
    </message>
    <message>
        <location filename="../scores/score_sheet_panel.py" line="201"/>
        <source>已锁定。此后只能经「更正」修改，须填写理由并留痕。</source>
        <translation>Locked. From now on only a correction with a reason (audited) changes it.</translation>
    </message>
</context>
<context>
    <name>ScoreStatisticsModel</name>
    <message>
        <location filename="../scores/score_statistics_model.py" line="28"/>
        <source>该组的考生人数</source>
        <translation>Candidates in the group</translation>
    </message>
    <message>
        <location filename="../scores/score_statistics_model.py" line="24"/>
        <source>分组</source>
        <extracomment>custom role: the group&apos;s GroupStatistics</extracomment>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../scores/score_statistics_model.py" line="24"/>
        <source>人数</source>
        <translation>N</translation>
    </message>
    <message>
        <location filename="../scores/score_statistics_model.py" line="24"/>
        <source>缺考</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../scores/score_statistics_model.py" line="24"/>
        <source>实考</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../scores/score_statistics_model.py" line="24"/>
        <source>合格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <location filename="../scores/score_statistics_model.py" line="25"/>
        <source>合格率</source>
        <translation>Pass %</translation>
    </message>
    <message>
        <location filename="../scores/score_statistics_model.py" line="25"/>
        <source>平均分</source>
        <translation>Mean</translation>
    </message>
    <message>
        <location filename="../scores/score_statistics_model.py" line="25"/>
        <source>中位数</source>
        <translation>Median</translation>
    </message>
</context>
<context>
    <name>ScoreStatisticsPanel</name>
    <message>
        <location filename="../scores/score_statistics_panel.py" line="23"/>
        <source>按考核项目</source>
        <translation>By part</translation>
    </message>
    <message>
        <location filename="../scores/score_statistics_panel.py" line="23"/>
        <source>按等级和项目</source>
        <translation>By level and part</translation>
    </message>
    <message>
        <location filename="../scores/score_statistics_panel.py" line="24"/>
        <source>按等级</source>
        <translation>By level</translation>
    </message>
    <message>
        <location filename="../scores/score_statistics_panel.py" line="24"/>
        <source>按场次</source>
        <translation>By session</translation>
    </message>
    <message>
        <location filename="../scores/score_statistics_panel.py" line="25"/>
        <source>按考场</source>
        <translation>By room</translation>
    </message>
    <message>
        <location filename="../scores/score_statistics_panel.py" line="25"/>
        <source>全批次</source>
        <translation>Whole batch</translation>
    </message>
    <message>
        <location filename="../scores/score_statistics_panel.py" line="41"/>
        <source>统计：</source>
        <translation>Statistics: </translation>
    </message>
</context>
<context>
    <name>ScoresWorkspace</name>
    <message>
        <location filename="../scores/scores_workspace.py" line="233"/>
        <source>请在上方「批次」中选择一个，或用「批次 → 新建批次…」建立一个。</source>
        <translation>Choose one under Batch at the top, or make one with Batch → New batch…</translation>
    </message>
    <message>
        <source>本批次的成绩登记表尚未建立：{reason}</source>
        <translation>The batch's score sheets are not made yet: {reason}</translation>
    </message>
    <message>
        <source>录入、锁定与更正均以登录的账户记录；第二遍录入须由另一账户完成（账户 → 切换账户…）</source>
        <translation>Entries, locks and corrections are recorded as the account logged in; the second entry needs another account (Accounts → Switch account…)</translation>
    </message>
    <message>
        <source>录入账户：{who}</source>
        <translation>Recording as: {who}</translation>
    </message>
    <message>
        <source>{display}（{account}）</source>
        <translation>{display} ({account})</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="58"/>
        <source>从 Excel 导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="58"/>
        <source>发布成绩</source>
        <translation>Publish results</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="59"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="59"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="60"/>
        <source>刷新</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="96"/>
        <location filename="../scores/scores_workspace.py" line="279"/>
        <source>尚未发布。所有成绩单锁定后可发布成绩。</source>
        <translation>Not published yet. Results can be published once every sheet is locked.</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="103"/>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="104"/>
        <source>合格名单</source>
        <translation>Pass list</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="121"/>
        <source>转到「编排」</source>
        <translation>Go to Planning</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="143"/>
        <source>请选择一个批次。</source>
        <translation>Choose a batch.</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="194"/>
        <source>请选择一个批次（成绩按批次登记）。</source>
        <translation>Choose a batch (scores are entered per batch).</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="202"/>
        <source>本批次还没有定稿的编排方案，因此没有成绩登记表。
请先在「编排」中为本批次编排考场并定稿，成绩单随后按场次、考场和考核项目生成。</source>
        <translation>This batch has no final plan yet, so there are no score sheets.
Plan the batch in Planning and finalise it; the sheets are then made per session, room and part.</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="266"/>
        <source>正在发布成绩…</source>
        <translation>Publishing results…</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="271"/>
        <source>已发布第 {n} 次：合格 {p} 人，不合格 {f} 人，成绩不全 {i} 人。</source>
        <translation>Publication {n}: {p} passed, {f} failed, {i} incomplete.</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="281"/>
        <source>第 {n} 次发布（{by}，{at}）：合格 {p} 人</source>
        <translation>Publication {n} ({by}, {at}): {p} passed</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="287"/>
        <source>{admission}  {name}  {level} 级</source>
        <translation>{admission}  {name}  level {level}</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="294"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="294"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="295"/>
        <source>导出成绩</source>
        <translation>Export results</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="299"/>
        <source>成绩与合格名单</source>
        <translation>Results and pass list</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="302"/>
        <source>正在导出成绩…</source>
        <translation>Exporting results…</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="305"/>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="315"/>
        <source>请先在「录入」中选择第一录入或第二录入，再导入。</source>
        <translation>Choose Recorder 1 or Recorder 2 under Entry first, then import.</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="318"/>
        <source>导入成绩</source>
        <translation>Import scores</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="318"/>
        <source>成绩登记表 (*.xlsx)</source>
        <translation>Score sheet (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="323"/>
        <source>正在导入成绩…</source>
        <translation>Importing scores…</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="330"/>
        <source>导入未完成：{n} 处问题，未写入任何成绩。</source>
        <translation>Import not done: {n} problem(s); no score was written.</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="334"/>
        <source>已导入 {n} 个座位的成绩。</source>
        <translation>Imported the scores of {n} seat(s).</translation>
    </message>
    <message>
        <location filename="../scores/scores_workspace.py" line="343"/>
        <source>未完成：{reason}</source>
        <translation>Not done: {reason}</translation>
    </message>
</context>
<context>
    <name>ScreeningWorkspace</name>
    <message>
        <source>{name}（{code}）· {level} 级</source>
        <translation>{name} ({code}) · level {level}</translation>
    </message>
    <message>
        <source>复核历史</source>
        <translation>Review history</translation>
    </message>
    <message>
        <source>这一等级还没有复核决定。</source>
        <translation>No review decision on this level yet.</translation>
    </message>
    <message>
        <location filename="../screening/screening_workspace.py" line="81"/>
        <source>审核结论</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <location filename="../screening/screening_workspace.py" line="81"/>
        <source>考生资料</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../screening/screening_workspace.py" line="81"/>
        <source>复核队列</source>
        <translation>Review queue</translation>
    </message>
    <message>
        <location filename="../screening/screening_workspace.py" line="70"/>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <location filename="../screening/screening_workspace.py" line="131"/>
        <source>复核队列 ({n})</source>
        <translation>Review queue ({n})</translation>
    </message>
    <message>
        <location filename="../screening/screening_workspace.py" line="183"/>
        <source>已保存；按 F5 重新审核本批次以更新结论。</source>
        <translation>Saved; press F5 to screen the batch again and update the verdicts.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="20"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="27"/>
        <location filename="../settings_dialog.py" line="52"/>
        <source>界面语言在下次启动时生效。</source>
        <translation>The language takes effect at the next start.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="39"/>
        <source>界面语言 / Language</source>
        <translation>界面语言 / Language</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="31"/>
        <source>立即重新启动</source>
        <translation>Restart now</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="33"/>
        <source>保存设置和窗口状态，关闭后立即以新设置重新打开（同一批次、同一工作区）</source>
        <translation>Save the settings and the window&apos;s state, close and reopen at once with the new settings (same batch, same workspace)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="51"/>
        <source>界面语言在下次启动时生效，或按「立即重新启动」。</source>
        <translation>The language applies at the next start, or press Restart now.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="41"/>
        <source>打印字体</source>
        <translation>Font for printed documents</translation>
    </message>
    <message>
        <source>考点（保存在数据库中，所有电脑共用）</source>
        <translation>Centre (stored in the database, shared by every desk)</translation>
    </message>
    <message>
        <source>如：某某市职业技能等级认定中心</source>
        <translation>e.g. City Vocational Skill Assessment Centre</translation>
    </message>
    <message>
        <source>如：实训楼（留空则印考点名称）</source>
        <translation>e.g. Training building (blank prints the centre name)</translation>
    </message>
    <message>
        <source>考点名称</source>
        <translation>Centre name</translation>
    </message>
    <message>
        <source>默认考试地点</source>
        <translation>Default venue</translation>
    </message>
    <message>
        <source>留空则用默认考试地点</source>
        <translation>blank uses the default venue</translation>
    </message>
    <message>
        <source>本批次考试地点（{batch}）</source>
        <translation>Venue of this batch ({batch})</translation>
    </message>
    <message>
        <source>未保存：{error}</source>
        <translation>Not saved: {error}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>历史：成绩格（成绩历史）/ 审核结论（复核历史）</source>
        <translation>History: of a score cell / of a verdict's decisions</translation>
    </message>
    <message>
        <location filename="../help_dialogs.py" line="20"/>
        <source>键盘快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../help_dialogs.py" line="23"/>
        <source>成绩录入：缺考（本格）</source>
        <translation>Score entry: absent (this seat)</translation>
    </message>
    <message>
        <location filename="../help_dialogs.py" line="23"/>
        <source>成绩录入：违纪（打开本格填写说明）</source>
        <translation>Score entry: misconduct (opens the cell for the note)</translation>
    </message>
    <message>
        <location filename="../help_dialogs.py" line="24"/>
        <source>成绩录入：清空本格</source>
        <translation>Score entry: clear the cell</translation>
    </message>
    <message>
        <location filename="../help_dialogs.py" line="24"/>
        <source>成绩录入：下一座位</source>
        <translation>Score entry: next seat</translation>
    </message>
    <message>
        <location filename="../help_dialogs.py" line="25"/>
        <source>复核队列：通过 / 不通过</source>
        <translation>Review queue: approve / reject</translation>
    </message>
    <message>
        <location filename="../help_dialogs.py" line="25"/>
        <source>复核队列：下一条 / 上一条</source>
        <translation>Review queue: next / previous</translation>
    </message>
    <message>
        <location filename="../help_dialogs.py" line="28"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../help_dialogs.py" line="28"/>
        <source>按键</source>
        <translation>Keys</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../common/task_runner.py" line="43"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message>
        <source>复核历史…</source>
        <translation>Review history…</translation>
    </message>
    <message>
        <location filename="../screening/verdict_panel.py" line="38"/>
        <source>在左侧列表中选择一名考生，即可看到各等级的审核结论和理由。</source>
        <translation>Select an applicant in the list to see the verdict and reasons for each level.</translation>
    </message>
    <message>
        <location filename="../screening/verdict_panel.py" line="47"/>
        <source>{name}（{code}）尚未审核：按 F5 审核本批次。</source>
        <translation>{name} ({code}) is not screened yet: press F5 to screen the batch.</translation>
    </message>
    <message>
        <location filename="../screening/verdict_panel.py" line="55"/>
        <source>依据：{standard} {name}，规则版本 {version}；审核基准日 {as_of}</source>
        <translation>Under {standard} {name}, rule version {version}; as of {as_of}</translation>
    </message>
    <message>
        <location filename="../screening/verdict_panel.py" line="68"/>
        <source>符合条款：{clauses}</source>
        <translation>Met by clause: {clauses}</translation>
    </message>
    <message>
        <location filename="../screening/verdict_panel.py" line="71"/>
        <source>最早可报考日期：{date}（按现有工作持续、在读至预计毕业推算）</source>
        <translation>Earliest eligible date: {date} (if ongoing work continues and study lasts until the expected graduation)</translation>
    </message>
    <message>
        <location filename="../screening/verdict_panel.py" line="73"/>
        <source>按现有资料无法推算出可报考日期。</source>
        <translation>No eligible date can be projected from the records.</translation>
    </message>
    <message>
        <location filename="../screening/verdict_panel.py" line="76"/>
        <source>通过</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../screening/verdict_panel.py" line="76"/>
        <source>不通过</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location filename="../screening/verdict_panel.py" line="77"/>
        <source>复核决定：{what}（{user}，{when}）理由：{reason}</source>
        <translation>Review decision: {what} ({user}, {when}); reason: {reason}</translation>
    </message>
    <message>
        <location filename="../screening/verdict_panel.py" line="80"/>
        <source>条款</source>
        <translation>Clause</translation>
    </message>
    <message>
        <location filename="../screening/verdict_panel.py" line="80"/>
        <source>条款原文</source>
        <translation>Text of the clause</translation>
    </message>
    <message>
        <location filename="../screening/verdict_panel.py" line="80"/>
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
</context>
<context>
    <name>VerifyCodeDialog</name>
    <message>
        <location filename="../printing/verify_code_dialog.py" line="11"/>
        <source>验证准考证</source>
        <translation>Verify an admission slip</translation>
    </message>
    <message>
        <location filename="../printing/verify_code_dialog.py" line="15"/>
        <source>扫描二维码或输入二维码下方的号码，如 2509001-4-0001-001.7K3QX9M2PA</source>
        <translation>Scan the QR code or type the code printed under it, e.g. 2509001-4-0001-001.7K3QX9M2PA</translation>
    </message>
    <message>
        <location filename="../printing/verify_code_dialog.py" line="17"/>
        <source>验证</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../printing/verify_code_dialog.py" line="23"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../printing/verify_code_dialog.py" line="26"/>
        <source>准考证上的校验码由本考点的密钥生成，不联网即可辨别真伪。</source>
        <translation>The check code on a slip is made with this centre&apos;s secret key: a genuine slip can be told from a forged one offline.</translation>
    </message>
    <message>
        <location filename="../printing/verify_code_dialog.py" line="39"/>
        <source>无法验证：本机没有考点密钥（{error}）</source>
        <translation>Cannot verify: this desk has no centre key ({error})</translation>
    </message>
    <message>
        <location filename="../printing/verify_code_dialog.py" line="43"/>
        <source>真实有效：准考证号 {no}</source>
        <translation>Genuine: admission number {no}</translation>
    </message>
    <message>
        <location filename="../printing/verify_code_dialog.py" line="45"/>
        <source>格式不对：应为「准考证号.10 位校验码」</source>
        <translation>Not a slip code: expected ADMISSION_NO.CHECK (10 characters)</translation>
    </message>
    <message>
        <location filename="../printing/verify_code_dialog.py" line="47"/>
        <source>校验码不符：准考证号 {no} 的准考证可能是伪造的</source>
        <translation>Check code does not match: the slip for {no} may be forged</translation>
    </message>
    <message>
        <source>无法验证：本数据库还没有考点密钥（尚未打印过准考证）。</source>
        <translation>Cannot verify: this database has no centre key yet (no slips were printed from it).</translation>
    </message>
    <message>
        <source>无法验证：{error}</source>
        <translation>Cannot verify: {error}</translation>
    </message>
</context>
<context>
    <name>HelpDialogs</name>
    <message>
        <location filename="../help_dialogs.py" line="54"/>
        <source>用户指南</source>
        <translation>User guide</translation>
    </message>
    <message>
        <location filename="../help_dialogs.py" line="55"/>
        <source>用户指南随源代码提供（docs/gui.md、docs/records.md、docs/planning.md、docs/printing.md、docs/scoring.md）。本机未找到该文件，请向系统管理员索取。</source>
        <translation>The user guide ships with the source (docs/gui.md, docs/records.md, docs/planning.md, docs/printing.md, docs/scoring.md). It was not found on this computer; ask your administrator for it.</translation>
    </message>
    <message>
        <location filename="../help_dialogs.py" line="85"/>
        <source>关于 Eligibility Desk</source>
        <translation>About Eligibility Desk</translation>
    </message>
</context>
<context>
    <name>PdfPageCanvas</name>
    <message>
        <location filename="../printing/pdf_page_canvas.py" line="122" />
        <source>第 {n} 页无法显示</source>
        <translation>Page {n} cannot be shown</translation>
    </message>
    <message>
        <location filename="../printing/pdf_page_canvas.py" line="122" />
        <source>第 {n} 页</source>
        <translation>Page {n}</translation>
    </message>
</context>
<context>
    <name>PrintPreviewPane</name>
    <message>
        <location filename="../printing/print_preview_pane.py" line="56" />
        <source>上一页</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="56" />
        <source>上一页 (PgUp)</source>
        <translation>Previous page (PgUp)</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="57" />
        <source>下一页</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="57" />
        <source>下一页 (PgDn)</source>
        <translation>Next page (PgDn)</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="61" />
        <source>第</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="64" />
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="64" />
        <source>适合宽度 (Ctrl+0)</source>
        <translation>Fit width (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="65" />
        <source>适合页面</source>
        <translation>Fit page</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="65" />
        <source>整页显示</source>
        <translation>Show whole pages</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="68" />
        <source>缩小 (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="69" />
        <source>放大 (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="72" />
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="72" />
        <source>用打印机打印 (Ctrl+P)</source>
        <translation>Print on a printer (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="142" />
        <source>还没有可预览的文档。
点击上方的 准考证、签到表 等按钮生成 PDF 后，它的页面会显示在这里，可以翻页、缩放，再用「打印…」送往打印机。</source>
        <translation>No document to preview yet.
Generate a PDF with the buttons above (Admission slips, Sign-in sheets…): its pages show here, to page through, zoom, and send to a printer with Print….</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="150" />
        <source>正在打开预览…</source>
        <translation>Opening the preview…</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="154" />
        <source>无法预览 {path}：{error}</source>
        <translation>Cannot preview {path}: {error}</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="161" />
        <source>预览：{name}</source>
        <translation>Preview: {name}</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="165" />
        <source>这个 PDF 没有页面。</source>
        <translation>This PDF has no pages.</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="180" />
        <source>页，共 {m} 页</source>
        <translation>of {m}</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="283" />
        <source>{stem}_打印.pdf</source>
        <translation>{stem}_printed.pdf</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="286" />
        <source>打印 {name}</source>
        <translation>Print {name}</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="302" />
        <source>所选范围内没有页面，未打印。</source>
        <translation>No page in the chosen range; nothing printed.</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="304" />
        <source>正在打印 {n} 页…</source>
        <translation>Printing {n} pages…</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="306" />
        <source>正在打印「{name}」…</source>
        <translation>Printing “{name}”…</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="312" />
        <source>已送往打印机：{n} 页。</source>
        <translation>Sent to the printer: {n} pages.</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="317" />
        <source>无法开始打印：打印机「{name}」不可用，或输出文件无法写入。</source>
        <translation>Cannot start printing: printer “{name}” is not available, or the output file cannot be written.</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="319" />
        <source>打印失败：{error}</source>
        <translation>Printing failed: {error}</translation>
    </message>
    <message>
        <location filename="../printing/print_preview_pane.py" line="329" />
        <source>已取消打印。</source>
        <translation>Printing cancelled.</translation>
    </message>
</context>
<context>
    <name>UnsavedWork</name>
    <message>
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>保存这些修改，还是放弃它们？</source>
        <translation>Save these changes or discard them?</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FontErrors</name>
    <message>
        <location filename="../font_errors.py" line="24" />
        <source>打印字体文件不存在：{path}</source>
        <translation>The font file for printed documents does not exist: {path}</translation>
    </message>
    <message>
        <location filename="../font_errors.py" line="24" />
        <source>打印字体「{name}」第 {index} 款不是 TrueType 轮廓（如 Noto Sans CJK、思源黑体），无法嵌入 PDF</source>
        <translation>Face {index} of the print font '{name}' has no TrueType outlines (like Noto Sans CJK, Source Han Sans) and cannot be embedded in a PDF</translation>
    </message>
    <message>
        <location filename="../font_errors.py" line="24" />
        <source>打印字体文件无法读取：{path}（{detail}）</source>
        <translation>The font file for printed documents cannot be read: {path} ({detail})</translation>
    </message>
    <message>
        <location filename="../font_errors.py" line="24" />
        <source>打印字体「{name}」不含汉字，印不出中文</source>
        <translation>The print font '{name}' has no Chinese characters</translation>
    </message>
    <message>
        <location filename="../font_errors.py" line="24" />
        <source>找不到可嵌入的中文字体（系统中没有，附带的 {path} 也不在）</source>
        <translation>No Chinese font to embed (none on this system, and the bundled {path} is missing)</translation>
    </message>
    <message>
        <location filename="../font_errors.py" line="24" />
        <source>打印字体「{name}」缺少文档要印的字符：{characters}（缺了它们，数字、字母或姓名会印成空白）</source>
        <translation>The print font '{name}' lacks characters the documents print: {characters} (without them, digits, letters or names would print blank)</translation>
    </message>
    <message>
        <location filename="../font_errors.py" line="24" />
        <source>（请在 设置 → 打印字体 中重新选择）</source>
        <translation> (choose it again in Settings → Font for printed documents)</translation>
    </message>
    <message>
        <location filename="../font_errors.py" line="24" />
        <source>（来自环境变量 {env}：请改正它，或在 设置 → 打印字体 中另选字体）</source>
        <translation> (from the environment variable {env}: correct it, or choose a font in Settings → Font for printed documents)</translation>
    </message>
    <message>
        <location filename="../font_errors.py" line="24" />
        <source>（请在 设置 → 打印字体 中选择字体文件）</source>
        <translation> (choose a font file in Settings → Font for printed documents)</translation>
    </message>
</context>
<context>
    <name>PhotoFolderImport</name>
    <message>
        <source>导入照片文件夹（文件名为身份证号码或考生编号）</source>
        <translation>Import a photo folder (files named by ID number or applicant code)</translation>
    </message>
    <message>
        <source>正在导入照片…</source>
        <translation>Importing photos…</translation>
    </message>
    <message>
        <source>已取消导入照片，未作任何更改。</source>
        <translation>Photo import cancelled; nothing was changed.</translation>
    </message>
    <message>
        <source>{files} 个文件：新增 {imported} 张，更换 {replaced} 张，未变 {unchanged} 张；未导入 {refused} 个。</source>
        <translation>{files} files: {imported} new, {replaced} replaced, {unchanged} unchanged; {refused} not imported.</translation>
    </message>
    <message>
        <source>导入照片</source>
        <translation>Import photos</translation>
    </message>
    <message>
        <source>以下文件未导入（其余照片已导入）：
</source>
        <translation>These files were not imported (the other photos were):
</translation>
    </message>
    <message>
        <source>无法导入照片：{error}</source>
        <translation>Cannot import photos: {error}</translation>
    </message>
</context>
<context>
    <name>WindowTitle</name>
    <message>
        <location filename="../common/window_title.py" line="15"/>
        <source>源代码运行，未打包</source>
        <translation>running from source, not a built bundle</translation>
    </message>
    <message>
        <location filename="../common/window_title.py" line="16"/>
        <source>{date} 构建</source>
        <translation>built {date}</translation>
    </message>
    <message>
        <location filename="../common/window_title.py" line="21"/>
        <source>Eligibility Desk 职业技能等级认定考务桌面 {version}（{built}）</source>
        <translation>Eligibility Desk {version} ({built})</translation>
    </message>
    <message>
        <location filename="../common/window_title.py" line="25"/>
        <source>{title} — {db}</source>
        <translation>{title} — {db}</translation>
    </message>
</context>
<context>
    <name>TimetableDetail</name>
    <message>
        <location filename="../planning/timetable_detail.py" line="35"/>
        <source>考务人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../planning/timetable_detail.py" line="37"/>
        <source>考生（座号）</source>
        <translation>Candidates (seat)</translation>
    </message>
    <message>
        <location filename="../planning/timetable_detail.py" line="41"/>
        <source>移动到…</source>
        <translation>Move to…</translation>
    </message>
    <message>
        <location filename="../planning/timetable_detail.py" line="42"/>
        <source>把选中的考生或考务人员移到另一场次 (Ctrl+M)</source>
        <translation>Move the selected candidates or staff to another session (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../planning/timetable_detail.py" line="69"/>
        <source>点击时间表中的一个场次，查看它的考生和考务人员。</source>
        <translation>Click a session in the timetable to see its candidates and staff.</translation>
    </message>
    <message>
        <location filename="../planning/timetable_detail.py" line="77"/>
        <source>第{n}考场 {part} · {level}级
{slot}
{room}</source>
        <translation>Room {n} {part} · level {level}
{slot}
{room}</translation>
    </message>
    <message>
        <location filename="../planning/timetable_detail.py" line="80"/>
        <source>✓ 无问题</source>
        <translation>✓ No problems</translation>
    </message>
    <message>
        <location filename="../planning/timetable_detail.py" line="86"/>
        <source>无此资格</source>
        <translation>not qualified</translation>
    </message>
    <message>
        <location filename="../planning/timetable_detail.py" line="88"/>
        <source>，主监考</source>
        <translation>, chief</translation>
    </message>
    <message>
        <location filename="../planning/timetable_detail.py" line="89"/>
        <source>{name}（{role}）{inst}</source>
        <translation>{name} ({role}) {inst}</translation>
    </message>
    <message>
        <location filename="../planning/timetable_detail.py" line="92"/>
        <source>考务人员（{n}）</source>
        <translation>Staff ({n})</translation>
    </message>
    <message>
        <location filename="../planning/timetable_detail.py" line="95"/>
        <source>{seat:02d} 号  {name}  {id}  {inst}</source>
        <translation>Seat {seat:02d}  {name}  {id}  {inst}</translation>
    </message>
    <message>
        <location filename="../planning/timetable_detail.py" line="98"/>
        <source>考生（座号）（{n}）</source>
        <translation>Candidates (seat) ({n})</translation>
    </message>
    <message>
        <location filename="../planning/timetable_detail.py" line="140"/>
        <source>✗ {n} 处违规</source>
        <translation>✗ {n} violation(s)</translation>
    </message>
    <message>
        <location filename="../planning/timetable_detail.py" line="141"/>
        <source>第{n}考场 {part} · {level}级  {mark}</source>
        <translation>Room {n} {part} · level {level}  {mark}</translation>
    </message>
    <message>
        <location filename="../planning/timetable_detail.py" line="146"/>
        <source>（该时段没有其他场次）</source>
        <translation>(no other session in this slot)</translation>
    </message>
</context>
<context>
    <name>TimetableLegend</name>
    <message>
        <location filename="../planning/timetable_legend.py" line="22"/>
        <source>✓ 无问题</source>
        <translation>✓ No problems</translation>
    </message>
    <message>
        <location filename="../planning/timetable_legend.py" line="23"/>
        <source>! 仅有提示</source>
        <translation>! Notes only</translation>
    </message>
    <message>
        <location filename="../planning/timetable_legend.py" line="24"/>
        <source>✗ 违规</source>
        <translation>✗ Violation</translation>
    </message>
    <message>
        <location filename="../planning/timetable_legend.py" line="25"/>
        <source>✗ 人员不足或偶数</source>
        <translation>✗ Staff short or even panel</translation>
    </message>
    <message>
        <location filename="../planning/timetable_legend.py" line="26"/>
        <source>✗ 超出容量</source>
        <translation>✗ Over capacity</translation>
    </message>
    <message>
        <location filename="../planning/timetable_legend.py" line="38"/>
        <source>☾ 节假日或周末</source>
        <translation>☾ Holiday or weekend</translation>
    </message>
    <message>
        <location filename="../planning/timetable_legend.py" line="40"/>
        <source>拖动时：绿框＝不产生违规，红虚框＝将违规</source>
        <translation>While dragging: green frame = no violation, red dashed frame = violations</translation>
    </message>
    <message>
        <location filename="../planning/timetable_legend.py"/>
        <source>☾ 节假日</source>
        <translation>☾ Holiday</translation>
    </message>
</context>
<context>
    <name>TimetableModel</name>
    <message>
        <location filename="../planning/timetable_model.py" line="131"/>
        <source>周末</source>
        <translation>weekend</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="175"/>
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="175"/>
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="175"/>
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="175"/>
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="175"/>
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="176"/>
        <source>周六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="176"/>
        <source>周日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="183"/>
        <source>{name}
{kind} · {capacity} 座</source>
        <translation>{name}
{kind} · {capacity} seats</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="202"/>
        <source>休息日：{0}。该日的场次有提示。</source>
        <translation>Day off: {0}. Sessions on this day carry a note.</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="222"/>
        <source>无问题</source>
        <translation>No problems</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="240"/>
        <source>第{n}考场 {slot}</source>
        <translation>room {n} {slot}</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="245"/>
        <source>移到 {where}：已在该场次</source>
        <translation>Move to {where}: already there</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="248"/>
        <source>移到 {where}：✗ 将产生 {n} 处违规 — {what}</source>
        <translation>Move to {where}: ✗ would cause {n} violation(s) — {what}</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="250"/>
        <source>移到 {where}：✓ 不产生新的违规</source>
        <translation>Move to {where}: ✓ no new violation</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="253"/>
        <source>，{n} 条新提示</source>
        <translation>, {n} new note(s)</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="256"/>
        <source>，解决 {n} 处违规</source>
        <translation>, mends {n} violation(s)</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="262"/>
        <source>{part} · {level}级</source>
        <translation>{part} · level {level}</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="263"/>
        <source>第{n}考场 · 座 {seated}/{capacity}</source>
        <translation>Room {n} · seats {seated}/{capacity}</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="266"/>
        <source>✗ 超容</source>
        <translation>✗ over capacity</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="269"/>
        <source>奇数</source>
        <translation>odd</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="269"/>
        <source>偶数</source>
        <translation>even</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="273"/>
        <source>✗ {n} 处违规</source>
        <translation>✗ {n} violation(s)</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="275"/>
        <source>! {n} 条提示</source>
        <translation>! {n} note(s)</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="279"/>
        <source>+{n} 场同室</source>
        <translation>+{n} in same room</translation>
    </message>
    <message>
        <location filename="../planning/timetable_model.py" line="280"/>
        <source>✓ 无问题</source>
        <translation>✓ No problems</translation>
    </message>
</context>
<context>
    <name>TimetableView</name>
    <message>
        <location filename="../planning/timetable_view.py" line="46"/>
        <source>还没有编排。打开考试批次后按「生成编排」(F9)，场次会按考场和时段排在这里。</source>
        <translation>No plan yet. Open an exam batch and press “Plan” (F9); the sessions will be laid out here by room and time slot.</translation>
    </message>
</context>
<context>
    <name>AdvancedPlanOptions</name>
    <message>
        <source>编排种子等高级选项（一般无需修改）</source>
        <translation>Advanced options such as the planning seed (rarely needed)</translation>
    </message>
    <message>
        <source>随机</source>
        <translation>random</translation>
    </message>
    <message>
        <source>编排种子：同一名单和种子得到完全相同的编排；留空则随机抽取并记录。</source>
        <translation>Planning seed: the same candidates and seed give exactly the same plan; leave empty to draw one at random (it is recorded).</translation>
    </message>
    <message>
        <source>编排种子</source>
        <translation>Planning seed</translation>
    </message>
    <message>
        <source>（留空则随机抽取；同一名单和种子得到相同的编排）</source>
        <translation>(empty: drawn at random; the same candidates and seed give the same plan)</translation>
    </message>
    <message>
        <source>编排记录：第 {n} 版的种子 {seed}</source>
        <translation>Plan record: version {n} was made with seed {seed}</translation>
    </message>
    <message>
        <source>高级（种子 {seed}）</source>
        <translation>Advanced (seed {seed})</translation>
    </message>
    <message>
        <source>高级</source>
        <translation>Advanced</translation>
    </message>
</context>
<context>
    <name>UnavailabilityEditor</name>
    <message>
        <source>不可用时间 {who}</source>
        <translation>Unavailable {who}</translation>
    </message>
    <message>
        <source>没有不可用时间：此人在所有时段都可安排。</source>
        <translation>No time away: this person can be placed in every slot.</translation>
    </message>
    <message>
        <source>添加时段</source>
        <translation>Add a time away</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>{who} 不能参加编排的时间（开始 ~ 结束）：</source>
        <translation>Times {who} cannot be placed (start ~ end):</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>BackupSettingsBox</name>
    <message>
        <source>备份（本电脑的设置）</source>
        <translation>Backups (this computer's settings)</translation>
    </message>
    <message>
        <source>每天自动备份（打开数据库时，距上次自动备份满一天）</source>
        <translation>Back up automatically every day (when a database is opened a day after the last automatic backup)</translation>
    </message>
    <message>
        <source>留空则用：{path}</source>
        <translation>blank uses: {path}</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>超过此天数的自动备份会被删除；手动备份（文件 → 备份…、立即备份）不会删除。</source>
        <translation>Automatic backups older than this are deleted; backups made by hand (File → Back up…, Back up now) never are.</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>把当前数据库备份到上面的文件夹</source>
        <translation>Back up the open database into the folder above</translation>
    </message>
    <message>
        <source>先打开数据库</source>
        <translation>Open a database first</translation>
    </message>
    <message>
        <source>备份文件夹</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <source>自动备份保留</source>
        <translation>Keep automatic backups</translation>
    </message>
    <message>
        <source>备份文件夹应为完整路径（如 {example}），实际为「{text}」。</source>
        <translation>The backup folder must be a full path (such as {example}), not '{text}'.</translation>
    </message>
    <message>
        <source>「{path}」是文件，不是文件夹。</source>
        <translation>'{path}' is a file, not a folder.</translation>
    </message>
    <message>
        <source>没有权限写入「{path}」。</source>
        <translation>No permission to write to '{path}'.</translation>
    </message>
    <message>
        <source>无法创建备份文件夹：{error}</source>
        <translation>Cannot create the backup folder: {error}</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>正在备份数据库…</source>
        <translation>Backing up the database…</translation>
    </message>
    <message>
        <source>已备份到：{path}</source>
        <translation>Backed up to: {path}</translation>
    </message>
    <message>
        <source>备份未完成：{error}</source>
        <translation>Backup not completed: {error}</translation>
    </message>
    <message>
        <source>备份已取消。</source>
        <translation>Backup cancelled.</translation>
    </message>
</context>
<context>
    <name>AccountTexts</name>
    <message>
        <source>（无角色）</source>
        <translation>(no roles)</translation>
    </message>
    <message>
        <source>太短：至少 {n} 个字符</source>
        <translation>too short: at least {n} characters</translation>
    </message>
    <message>
        <source>弱：请混用字母、数字或符号</source>
        <translation>weak: mix letters, digits or symbols</translation>
    </message>
    <message>
        <source>中：再长一些（12 个字符以上）或多用一种字符会更安全</source>
        <translation>fair: longer (12+ characters) or one more kind of character would be safer</translation>
    </message>
    <message>
        <source>强</source>
        <translation>strong</translation>
    </message>
</context>
<context>
    <name>AccountManagerDialog</name>
    <message>
        <source>账户管理</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>已保存账户「{name}」的角色。</source>
        <translation>Roles of account {name} saved.</translation>
    </message>
    <message>
        <source>新建账户…</source>
        <translation>New account…</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>勾选即授予角色，立即保存。复核人不能复核或更正自己录入的内容；两遍录入须由两个不同账户完成。</source>
        <translation>A ticked box grants the role and is saved at once. A supervisor cannot review or correct their own entries; the two entries of a double entry need two different accounts.</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>已建立账户「{name}」。</source>
        <translation>Account {name} created.</translation>
    </message>
    <message>
        <source>已为账户「{name}」设置新密码。</source>
        <translation>New password set for account {name}.</translation>
    </message>
    <message>
        <source>已启用账户「{name}」。</source>
        <translation>Account {name} enabled.</translation>
    </message>
    <message>
        <source>已停用账户「{name}」：它不能再登录。</source>
        <translation>Account {name} disabled: it can no longer log in.</translation>
    </message>
    <message>
        <source>已解锁账户「{name}」。</source>
        <translation>Account {name} unlocked.</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AccountSession</name>
    <message>
        <source>切换账户…</source>
        <translation>Switch account…</translation>
    </message>
    <message>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>账户管理…</source>
        <translation>Manage accounts…</translation>
    </message>
    <message>
        <source>无法登录</source>
        <translation>Cannot log in</translation>
    </message>
    <message>
        <source>本数据库设为「本机登录名即账户」，但本机登录名「{login}」没有账户（{reason}）。请管理员为它建立账户。</source>
        <translation>This database uses "this computer's login is the account", but the login {login} has no account ({reason}). Ask an administrator to create one.</translation>
    </message>
    <message>
        <source>{display}（{account}）</source>
        <translation>{display} ({account})</translation>
    </message>
    <message>
        <source>本机登录名即账户</source>
        <translation>this computer's login is the account</translation>
    </message>
    <message>
        <source>账户与密码</source>
        <translation>account and password</translation>
    </message>
    <message>
        <source>账户：{who} · {roles} · 登录方式：{how}</source>
        <translation>Account: {who} · {roles} · log-in: {how}</translation>
    </message>
    <message>
        <source>本数据库设为「本机登录名即账户」：换人请换本机登录</source>
        <translation>this database uses this computer's login as the account: to change person, change the computer login</translation>
    </message>
    <message>
        <source>此操作需要“管理员”角色，当前账户 {name} 没有</source>
        <translation>this needs the "Administrator" role; account {name} does not have it</translation>
    </message>
    <message>
        <source>切换账户</source>
        <translation>Switch account</translation>
    </message>
</context>
<context>
    <name>AccountTableModel</name>
    <message>
        <source>账户名</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>显示名</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>已锁定（约 {n} 分钟后自动解锁）</source>
        <translation>locked (unlocks by itself in about {n} min)</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>active</translation>
    </message>
    <message>
        <source>勾选即授予「{role}」角色</source>
        <translation>Tick to grant the role {role}</translation>
    </message>
</context>
<context>
    <name>AddAccountDialog</name>
    <message>
        <source>新建账户</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>初始密码</source>
        <translation>First password</translation>
    </message>
    <message>
        <source>再次输入</source>
        <translation>Again</translation>
    </message>
    <message>
        <source>建立账户</source>
        <translation>Create account</translation>
    </message>
    <message>
        <source>账户名</source>
        <translation>Account name</translation>
    </message>
    <message>
        <source>显示名</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>请输入账户名。</source>
        <translation>Enter an account name.</translation>
    </message>
    <message>
        <source>请至少勾选一个角色。</source>
        <translation>Tick at least one role.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>账户：{name}</source>
        <translation>Account: {name}</translation>
    </message>
    <message>
        <source>为账户「{name}」设置新密码（无需原密码；请当面告知本人并请其登录后自行修改）。</source>
        <translation>Set a new password for account {name} (no old password needed; tell the person in person and ask them to change it after logging in).</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再次输入新密码</source>
        <translation>New password again</translation>
    </message>
    <message>
        <source>保存新密码</source>
        <translation>Save new password</translation>
    </message>
    <message>
        <source>原密码</source>
        <translation>Old password</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>同时担任</source>
        <translation>Also acts as</translation>
    </message>
    <message>
        <source>首次使用：建立管理员账户</source>
        <translation>First run: create the administrator</translation>
    </message>
    <message>
        <source>这个数据库还没有账户。请先建立管理员账户：管理员可以添加其他账户并为其分配角色（审核员、复核人、考务、录分员、查看）。</source>
        <translation>This database has no accounts yet. Create the administrator first: the administrator can add other accounts and give them roles (clerk, supervisor, planner, score recorder, viewer).</translation>
    </message>
    <message>
        <source>账户与密码（推荐；多台电脑或多人使用）</source>
        <translation>Account and password (recommended; several computers or people)</translation>
    </message>
    <message>
        <source>本机登录名即账户（单机中心）</source>
        <translation>This computer's login is the account (a single-desk centre)</translation>
    </message>
    <message>
        <source>例如：张老师</source>
        <translation>e.g. Ms Zhang</translation>
    </message>
    <message>
        <source>账户名</source>
        <translation>Account name</translation>
    </message>
    <message>
        <source>显示名</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>以本机登录名「{login}」作为管理员账户，启动时不再输入密码。放弃的是：谁能登录这台电脑，谁就以这个账户操作——审计记录分不清坐在电脑前的是谁，两遍录入也无法由两个账户完成。只适合一台电脑、一个人的中心：这个账户拥有全部角色；选定后记录在数据库中。</source>
        <translation>The computer login {login} becomes the administrator account and no password is asked at start. What this gives up: whoever can log in to this computer acts as this account — the audit trail cannot tell who sat at the desk, and double entry cannot be made by two accounts. Only for a centre with one computer and one person: this account has every role; the choice is recorded in the database.</translation>
    </message>
    <message>
        <source>建立管理员账户</source>
        <translation>Create administrator</translation>
    </message>
    <message>
        <source>请输入账户名。</source>
        <translation>Enter an account name.</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <source>操作人（账户）</source>
        <translation>By (account)</translation>
    </message>
    <message>
        <source>原值 → 新值</source>
        <translation>Old → new</translation>
    </message>
    <message>
        <source>{display}（{account}）</source>
        <translation>{display} ({account})</translation>
    </message>
    <message>
        <source>考评员 {code}</source>
        <translation>Examiner {code}</translation>
    </message>
    <message>
        <source>{who}：录入</source>
        <translation>{who}: entered</translation>
    </message>
    <message>
        <source>{who}：清除</source>
        <translation>{who}: cleared</translation>
    </message>
    <message>
        <source>锁定（最终值）</source>
        <translation>Locked (final value)</translation>
    </message>
    <message>
        <source>复核决定</source>
        <translation>Review decision</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>第一录入</source>
        <translation>Recorder 1</translation>
    </message>
    <message>
        <source>第二录入</source>
        <translation>Recorder 2</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>不通过</source>
        <translation>rejected</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>数据库：{db}</source>
        <translation>Database: {db}</translation>
    </message>
    <message>
        <source>账户名</source>
        <translation>Account name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>请输入账户名。</source>
        <translation>Enter an account name.</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>PasswordFields</name>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>再次输入密码</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>至少 {n} 个字符；混用字母、数字和符号更安全。</source>
        <translation>At least {n} characters; mixing letters, digits and symbols is safer.</translation>
    </message>
    <message>
        <source>强度：{words}</source>
        <translation>Strength: {words}</translation>
    </message>
    <message>
        <source>请输入密码。</source>
        <translation>Enter a password.</translation>
    </message>
    <message>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>RoleGate</name>
    <message>
        <source>或</source>
        <translation> or </translation>
    </message>
    <message>
        <source>尚未登录</source>
        <translation>not logged in</translation>
    </message>
    <message>
        <source>此操作需要{roles}角色，当前账户 {name} 没有</source>
        <translation>this needs the {roles} role; account {name} does not have it</translation>
    </message>
</context>
</TS>
