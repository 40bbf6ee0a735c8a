// The ConfigDefs the built-in converters share and the parse every converter's configure() goes
// through, so a bad value is refused with Kafka ConfigDef's wording (spec §2.1).
#pragma once

#include <connectdesk/sdk/config_def.h>
#include <connectdesk/sdk/converter.h>

namespace connectdesk::converters {

// ConverterConfig.newConfigDef(): the required `converter.type` (key, value or header) that the
// worker injects; the base of every built-in converter's definition.
sdk::ConfigDef converterConfigDef();

// Parses configs with def after putting `converter.type` = type, as Converter.configure(configs,
// isKey) does (Apache overwrites a type given in the configs).
sdk::ConfigDef::Parsed parseConverterConfig(const sdk::ConfigDef& def, const sdk::ConfigMap& configs,
                                            sdk::ConverterType type);

// Parses configs with def as HeaderConverter.configure(configs) does; a `converter.type` given is
// validated, a missing one is taken as `header` (the worker always injects it; Apache would
// refuse a direct call without it).
sdk::ConfigDef::Parsed parseHeaderConverterConfig(const sdk::ConfigDef& def, const sdk::ConfigMap& configs);

// The parsed `converter.type`.
sdk::ConverterType converterTypeOf(const sdk::ConfigDef::Parsed& parsed);

} // namespace connectdesk::converters
