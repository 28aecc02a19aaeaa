# Builds the desktop bundle on Windows: dist\eligibility-desk\ (eligibility-desk.exe and _internal\), then,
# when Inno Setup 6 is installed, the installer dist\installer\eligibility-desk-<version>-setup.exe.
#
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1
#
# Uses .\.venv (made here with the `bundle` extras if missing; Python 3.11+ from python.org, or `py -3.11`).
# Extra arguments go to PyInstaller.  docs/packaging.md walks through it step by step.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

$py = ".venv\Scripts\python.exe"
if (-not (Test-Path $py)) {
    if (Get-Command py -ErrorAction SilentlyContinue) { py -3 -m venv .venv } else { python -m venv .venv }
    if ($LASTEXITCODE -ne 0) { throw "build.ps1: could not make .venv (is Python 3.11+ installed?)" }
}
# (Windows PowerShell 5 turns a native program's redirected stderr into errors: check with "Continue")
$ErrorActionPreference = "Continue"
& $py -c "import PyInstaller, eligibility_desk" *> $null
$ready = ($LASTEXITCODE -eq 0)
$ErrorActionPreference = "Stop"
if (-not $ready) {
    & $py -m pip install -q --disable-pip-version-check --upgrade pip
    & $py -m pip install -q --disable-pip-version-check -e ".[bundle]"
    if ($LASTEXITCODE -ne 0) { throw "build.ps1: pip install failed" }
}
# the interface translations are compiled first (the spec checks they are there)
& $py -m eligibility_desk.i18n_build
if ($LASTEXITCODE -ne 0) { throw "build.ps1: compiling the translations failed" }
$watch = [Diagnostics.Stopwatch]::StartNew()
& $py -m PyInstaller --noconfirm --clean --log-level WARN @args packaging\eligibility-desk.spec
if ($LASTEXITCODE -ne 0) { throw "build.ps1: PyInstaller failed" }
$size = (Get-ChildItem dist\eligibility-desk -Recurse -File | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("build.ps1: built dist\eligibility-desk in {0:N0} s, {1:N0} MB" -f $watch.Elapsed.TotalSeconds, $size)

# the installer, if Inno Setup 6 is there (winget install JRSoftware.InnoSetup)
$iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
          "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") | Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $iscc) { $found = Get-Command ISCC.exe -ErrorAction SilentlyContinue; if ($found) { $iscc = $found.Source } }
if ($iscc) {
    $version = & $py -c "import sys; sys.path.insert(0, 'packaging'); import build_info; print(build_info.project_version())"
    & $iscc /Qp "/DAppVersion=$version" packaging\windows\eligibility-desk.iss
    if ($LASTEXITCODE -ne 0) { throw "build.ps1: Inno Setup failed" }
    Write-Host "build.ps1: installer in dist\installer\"
} else {
    Write-Host "build.ps1: Inno Setup 6 not found; the folder dist\eligibility-desk can be zipped as it is, or install Inno Setup and run again"
}
