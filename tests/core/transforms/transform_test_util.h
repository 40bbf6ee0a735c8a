// Helpers shared by the transform tests: one-stage chains built from config maps exactly as a
// connector config would be, and records to feed them.
#pragma once

#include "transforms/transformation_chain.h"

#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/logical_types.h>
#include <connectdesk/sdk/schema_builder.h>

#include <QTest>

#include <optional>
#include <string>
#include <utility>

Q_DECLARE_METATYPE(connectdesk::sdk::Value)

namespace connectdesk::transforms::testing {

using sdk::ConfigMap;
using sdk::SchemaBuilder;
using sdk::SchemaPtr;
using sdk::SinkRecord;
using sdk::SourceRecord;
using sdk::Value;

inline const TransformRegistry& registry()
{
    static const TransformRegistry r = TransformRegistry::withBuiltins();
    return r;
}

// `transforms=t`, `transforms.t.type=<type>` and every `key=value` of `own` as `transforms.t.key`.
inline ConfigMap singleStage(const std::string& type, const ConfigMap& own)
{
    ConfigMap props{{"transforms", "t"}, {"transforms.t.type", type}};
    for (const auto& [k, v] : own) {
        props.emplace("transforms.t." + k, v);
    }
    return props;
}

template <class R = SourceRecord>
TransformationChain<R> chainFor(const std::string& type, const ConfigMap& own)
{
    return TransformationChain<R>::fromConfig(singleStage(type, own), registry());
}

inline SourceRecord sourceRecord(SchemaPtr keySchema, Value key, SchemaPtr valueSchema, Value value,
                                 std::string topic = "orders", std::optional<std::int32_t> partition = 3,
                                 std::optional<std::int64_t> timestamp = 1700000000000)
{
    return SourceRecord({}, {}, std::move(topic), partition, std::move(keySchema), std::move(key),
                        std::move(valueSchema), std::move(value), timestamp);
}

inline SourceRecord valueRecord(SchemaPtr valueSchema, Value value)
{
    return sourceRecord(nullptr, Value(), std::move(valueSchema), std::move(value));
}

// A map with string keys, in the given order.
inline sdk::Map stringMap(std::initializer_list<std::pair<const char*, Value>> entries)
{
    sdk::Map m;
    for (const auto& [k, v] : entries) {
        m.emplace_back(Value(k), v);
    }
    return m;
}

// The message of the exception `f` throws, or "<no exception>".
template <class E, class F>
std::string messageOf(F&& f)
{
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    return "<no exception>";
}

inline QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace connectdesk::transforms::testing
