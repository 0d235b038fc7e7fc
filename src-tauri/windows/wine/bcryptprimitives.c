/* ProcessPrng for Wine 8 (Debian 12's), which has no bcryptprimitives.dll: Rust's standard
 * library for Windows takes its random bytes from it, so without this no Rust test binary of
 * ours even loads under that Wine. `cargo xtask test --windows` builds it with MinGW-w64 into
 * its own Wine prefix only; every Windows 10 and 11 has the real DLL. The bytes come from
 * RtlGenRandom (advapi32's SystemFunction036), which Wine implements. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
