// A shared library in plugin.path that is not a ConnectDesk plugin at all.
extern "C" __attribute__((visibility("default"))) int some_unrelated_function()
{
    return 42;
}
