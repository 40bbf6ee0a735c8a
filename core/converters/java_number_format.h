// Java's Double.toString / Float.toString text for finite values (`1.5`, `3.0`, `1.0E10`,
// `1.0E-5`), which Jackson and Connect's Values use; built on the shortest round-trip digits.
#pragma once

#include <connectdesk/sdk/value.h>

#include <cstddef>
#include <string>

namespace connectdesk::converters {

// Appends Java's text for a finite value; NaN/Infinity give `NaN`, `Infinity`, `-Infinity`.
void appendJavaDouble(std::string& out, double value);
void appendJavaFloat(std::string& out, float value);
// The same text written to `out`, which must have room for 32 chars; returns the length.
std::size_t formatJavaDouble(char* out, double value);
std::size_t formatJavaFloat(char* out, float value);

// Appends Java's toString of a null, boolean, integer, floating or decimal value, which
// StringConverter and SimpleHeaderConverter write alike; returns false, writing nothing, for
// any other kind.
bool appendJavaScalar(std::string& out, const sdk::Value& value);

} // namespace connectdesk::converters
