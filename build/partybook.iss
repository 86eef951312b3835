; Inno Setup script of PartyBook's Windows installer: PartyBook-<version>-setup.exe.
;
;   iscc /DAppVersion=0.1.0 build\partybook.iss     (after: python build\build.py)
;
; Installs the one-folder program (dist\PartyBook\) for the current user only: no administrator
; rights asked, into %LOCALAPPDATA%\Programs\PartyBook; 党支部工作台账 in the Start menu and on
; the desktop; offers to start it at the end. Uninstalling removes the program and nothing else:
; the secretary's data (%APPDATA%\PartyBook: the book, its backups, its log; or a data folder
; made later beside the program) is never touched, as no [UninstallDelete] entry names it.
;
; The wizard speaks Chinese (Simplified). Its messages are Inno Setup's own translation:
; Languages\ChineseSimplified.isl, shipped with Inno Setup since 6.5.0; for older versions put
; the translation from Inno Setup's Languages\Unofficial folder there (see build\README.md).
; This file is UTF-8 with a byte order mark, which Inno Setup needs for the Chinese below.

#define AppName "党支部工作台账"
#define AppExe "PartyBook.exe"
#ifndef SourceDir
  #define SourceDir AddBackslash(SourcePath) + "..\dist\PartyBook"
#endif
#ifndef AppVersion
  ; the version the build wrote into PartyBook.exe (the workflow passes /DAppVersion anyway)
  #define AppVersion GetVersionNumbersString(SourceDir + "\" + AppExe)
#endif
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\Unofficial\ChineseSimplified.isl"
#else
  #error Inno Setup's Chinese (Simplified) messages are missing: use Inno Setup 6.5 or newer, or put ChineseSimplified.isl into its Languages folder.
#endif

[Setup]
AppId={{F9516EB1-C018-4263-A585-BEFC625F7162}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=PartyBook
VersionInfoVersion={#AppVersion}
VersionInfoProductName=PartyBook 党支部工作台账
VersionInfoDescription=党支部工作台账 安装程序
PrivilegesRequired=lowest
DefaultDirName={autopf}\PartyBook
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\resources\icons\partybook.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\dist
OutputBaseFilename=PartyBook-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
LanguageDetectionMethod=none
CloseApplications=yes
#ifdef Sign
; with a code-signing certificate: iscc /DSign "/Ssigntool=signtool sign ... $f" (build/README.md)
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
Name: "chinesesimplified"; MessagesFile: "{#ChineseMessages}"

[Tasks]
Name: "desktopicon"; Description: "在桌面上放“{#AppName}”图标"; GroupDescription: "图标："

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "现在打开{#AppName}"; Flags: nowait postinstall skipifsilent
