// A plugin built for another SDK ABI: the loader must skip it without touching its descriptor.
extern "C" __attribute__((visibility("default"))) int connectdesk_plugin_abi_version()
{
    return 999;
}

extern "C" __attribute__((visibility("default"))) const void* connectdesk_plugin_descriptor()
{
    __builtin_trap(); // reading the descriptor of a foreign ABI would be a bug in the loader
}
