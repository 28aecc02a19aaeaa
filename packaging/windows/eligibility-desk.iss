; Inno Setup 6 script: the Windows installer of the bundle in dist\eligibility-desk\ (build it first:
; packaging\build.ps1, which also runs this when Inno Setup is installed).  By hand:
;
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\eligibility-desk.iss
;
; Installs per user by default (no administrator needed; a clerk can install it) into
; %LOCALAPPDATA%\Programs\Eligibility Desk, with a Start-menu entry and an optional desktop icon.  The
; database and settings live in the user's data folders, not here, so uninstalling keeps them.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Eligibility Desk"
#define AppExe "eligibility-desk.exe"
#define Root "..\.."

[Setup]
AppId={{6F0D6B1E-3C2A-4C57-9A0E-5D3B2E7C9A41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir={#Root}\dist\installer
OutputBaseFilename=eligibility-desk-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\eligibility-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
; Simplified Chinese is one of Inno Setup's unofficial translations: put ChineseSimplified.isl into Inno Setup's
; Languages folder to get the installer in Chinese (docs/packaging.md); without it the installer is in English.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#Root}\dist\eligibility-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
