/* stb_rect_pack's and stb_truetype's code for ImGui's font atlas, from libstb-dev's headers: on Linux
   Debian's libstb.so carries it; the Windows build compiles it here, once. */
#define STB_RECT_PACK_IMPLEMENTATION
#include <stb/stb_rect_pack.h>
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb/stb_truetype.h>
