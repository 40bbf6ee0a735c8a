// The SDK's ABI version: plugins record the one they were built with, and the plugin loader
// refuses a plugin whose version differs from the worker's.
#pragma once

namespace connectdesk::sdk {

// Bumped whenever a change to these headers breaks binary compatibility of plugins.
// 2: ConverterPlugin gained `config` (the converter's ConfigDef).
// 3: SourceRecord keeps its source partition as a SharedOffsetMap.
// 4: SourceTask gained pollInto().
// 5: pollInto() takes a SourceRecordBatch, whose spent records keep their buffers.
// 6: Converter gained toConnectDataInto(); SinkRecord gained rebuildConsumed().
inline constexpr int kSdkAbiVersion = 6;

// The ABI version of the SDK library actually loaded in this process.
int sdkAbiVersion();

} // namespace connectdesk::sdk
