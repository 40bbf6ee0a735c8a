// Minimal StringConverter, ByteArrayConverter and SimpleHeaderConverter (strings only) that the
// worker registers when no converter plugin provides these Apache class names, so a worker runs
// FileStream pipelines before core/converters' registry is wired in.
#pragma once

#include <connectdesk/sdk/plugin.h>

namespace connectdesk::runtime {

sdk::PluginDescriptor fallbackConverters();

} // namespace connectdesk::runtime
