; The desk's Windows installer, compiled by makensis from `cargo xtask bundle --windows`, which
; passes PRODUCT, VERSION, IDENTIFIER, APP_EXE, WEBVIEW2_LOADER, ICON and OUTFILE.
;
; Per user, no administrator needed: managers install it themselves. The shop's database lives
; in %APPDATA%\${IDENTIFIER} and is never touched here, so uninstalling keeps the orders.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT}"
; orderdesk://order/N and orderdesk://call?from=… (a softphone's or the PBX's hook) open in the
; desk: the scheme is registered for this user, the link passed as the one argument.
!define LINK_KEY "Software\Classes\orderdesk"
; The Evergreen WebView2 Runtime's client id (Microsoft's «Distribute your app and the
; WebView2 Runtime»): its "pv" value is the installed version, per machine or per user.
!define WEBVIEW2_CLIENT "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_BOOTSTRAPPER "https://go.microsoft.com/fwlink/p/?LinkId=2124703"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "Software\${PRODUCT}" "InstallDir"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} setup"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "OrderDesk team"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\orderdesk.exe"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default; Windows' own UI language picks English where it is.
!insertmacro MUI_LANGUAGE "Russian"
!insertmacro MUI_LANGUAGE "English"

LangString WebView2Missing ${LANG_RUSSIAN} "OrderDesk нужен Microsoft Edge WebView2 Runtime, и установить его не удалось. Установите его с сайта Microsoft (Evergreen Bootstrapper) и запустите OrderDesk снова."
LangString WebView2Missing ${LANG_ENGLISH} "OrderDesk needs the Microsoft Edge WebView2 Runtime, and it could not be installed. Install it from Microsoft's site (the Evergreen Bootstrapper), then start OrderDesk again."
LangString WebView2Installing ${LANG_RUSSIAN} "Устанавливается Microsoft Edge WebView2 Runtime…"
LangString WebView2Installing ${LANG_ENGLISH} "Installing the Microsoft Edge WebView2 Runtime…"

; The desk's own updater (tauri-plugin-updater, `installMode: quiet`) runs this installer as
; `/S /UPDATE /R /ARGS <the desk's arguments>` and ends the desk at once: wait until the old
; program may be replaced, and start the new one again with the same arguments (the same shop).
Section "OrderDesk"
  SetOutPath "$INSTDIR"
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/UPDATE" $R1
  ${IfNot} ${Errors}
    Call WaitForTheOldDesk
  ${EndIf}
  File "/oname=orderdesk.exe" "${APP_EXE}"
  ; A GNU build of the desk loads WebView2Loader.dll from beside itself.
  File "/oname=WebView2Loader.dll" "${WEBVIEW2_LOADER}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\orderdesk.exe"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\orderdesk.exe"

  WriteRegStr HKCU "Software\${PRODUCT}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${LINK_KEY}" "" "URL:OrderDesk"
  WriteRegStr HKCU "${LINK_KEY}" "URL Protocol" ""
  WriteRegStr HKCU "${LINK_KEY}\DefaultIcon" "" "$INSTDIR\orderdesk.exe,0"
  WriteRegStr HKCU "${LINK_KEY}\shell\open\command" "" '"$INSTDIR\orderdesk.exe" "%1"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "OrderDesk team"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\orderdesk.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0

  Call EnsureWebView2

  ClearErrors
  ${GetOptions} $R0 "/R" $R1
  ${IfNot} ${Errors}
    ClearErrors
    ${GetOptions} $R0 "/ARGS" $R2
    ${If} ${Errors}
      StrCpy $R2 ""
    ${EndIf}
    Exec '"$INSTDIR\orderdesk.exe" $R2'
  ${EndIf}
SectionEnd

; Windows keeps a running program's file locked: try to open it for writing for up to 15 s.
Function WaitForTheOldDesk
  StrCpy $2 0
  ${DoWhile} $2 < 30
    ${IfNot} ${FileExists} "$INSTDIR\orderdesk.exe"
      Return
    ${EndIf}
    ClearErrors
    FileOpen $3 "$INSTDIR\orderdesk.exe" a
    ${IfNot} ${Errors}
      FileClose $3
      Return
    ${EndIf}
    Sleep 500
    IntOp $2 $2 + 1
  ${Loop}
FunctionEnd

; Windows 11 and an updated Windows 10 have the runtime; an older PC gets Microsoft's
; bootstrapper, fetched at install time (it is not ours to ship) and run silently.
Function EnsureWebView2
  Call WebView2Version
  Pop $0
  ${If} $0 != ""
    Return
  ${EndIf}
  DetailPrint "$(WebView2Installing)"
  StrCpy $1 "$TEMP\MicrosoftEdgeWebview2Setup.exe"
  nsExec::ExecToLog 'powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "Invoke-WebRequest -UseBasicParsing -Uri ''${WEBVIEW2_BOOTSTRAPPER}'' -OutFile ''$1''"'
  Pop $2
  ${If} $2 == 0
    ExecWait '"$1" /silent /install' $2
    Delete "$1"
  ${EndIf}
  Call WebView2Version
  Pop $0
  ${If} $0 == ""
    MessageBox MB_ICONEXCLAMATION|MB_OK "$(WebView2Missing)" /SD IDOK
  ${EndIf}
FunctionEnd

; Pushes the installed runtime's version, or "" when there is none.
Function WebView2Version
  SetRegView 64
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  SetRegView lastused
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
  Push $0
FunctionEnd

Section "Uninstall"
  Delete "$INSTDIR\orderdesk.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${LINK_KEY}"
  DeleteRegKey HKCU "Software\${PRODUCT}"
SectionEnd
