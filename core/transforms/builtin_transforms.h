// Factories of the built-in transformations and predicates (Apache's connect-transforms module,
// spec §9); the registry collects them under their Apache class names.
#pragma once

#include <connectdesk/sdk/predicate.h>
#include <connectdesk/sdk/transformation.h>

#include <string>
#include <vector>

namespace connectdesk::transforms {

inline constexpr const char* kTransformsPackage = "org.apache.kafka.connect.transforms.";
inline constexpr const char* kPredicatesPackage = "org.apache.kafka.connect.transforms.predicates.";

// Every built-in SMT, `$Key`/`$Value` variants as separate plugins, in Apache's names.
std::vector<sdk::TransformationPlugin> builtinTransformations();
std::vector<sdk::PredicatePlugin> builtinPredicates();

// A plugin whose factories construct T<SourceRecord> / T<SinkRecord> from `args`.
template <template <class> class T, class... Args>
sdk::TransformationPlugin makeTransformationPlugin(std::string className, Args... args)
{
    sdk::TransformationPlugin p;
    p.className = std::move(className);
    p.version = "4.0.0";
    p.createForSource = [=]() -> std::unique_ptr<sdk::Transformation<sdk::SourceRecord>> {
        return std::make_unique<T<sdk::SourceRecord>>(args...);
    };
    p.createForSink = [=]() -> std::unique_ptr<sdk::Transformation<sdk::SinkRecord>> {
        return std::make_unique<T<sdk::SinkRecord>>(args...);
    };
    return p;
}

// Each SMT's source file appends its plugins (both variants where Apache has them).
void addInsertField(std::vector<sdk::TransformationPlugin>& out);
void addReplaceField(std::vector<sdk::TransformationPlugin>& out);
void addMaskField(std::vector<sdk::TransformationPlugin>& out);
void addValueToKey(std::vector<sdk::TransformationPlugin>& out);
void addExtractField(std::vector<sdk::TransformationPlugin>& out);
void addSetSchemaMetadata(std::vector<sdk::TransformationPlugin>& out);
void addTimestampRouter(std::vector<sdk::TransformationPlugin>& out);
void addRegexRouter(std::vector<sdk::TransformationPlugin>& out);
void addFlatten(std::vector<sdk::TransformationPlugin>& out);
void addCast(std::vector<sdk::TransformationPlugin>& out);
void addTimestampConverter(std::vector<sdk::TransformationPlugin>& out);
void addHoistField(std::vector<sdk::TransformationPlugin>& out);
void addHeaderTransforms(std::vector<sdk::TransformationPlugin>& out); // Filter, InsertHeader, DropHeaders
void addHeaderFrom(std::vector<sdk::TransformationPlugin>& out);

} // namespace connectdesk::transforms
