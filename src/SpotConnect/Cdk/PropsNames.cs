using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Cdk;

/// <summary>How the constructs name settings in their problems: by the props' property, as a C# user wrote them.</summary>
internal static class PropsNames
{
    /// <summary><paramref name="exception"/> with every setting named by its property; "set it to" phrases in C# terms.</summary>
    public static SpotConnectValidationException Of(SpotConnectValidationException exception) =>
        exception.NamedBy(s => s.Property, withValue: (setting, value) =>
            setting == SpotSettings.Bootstrapped
                ? value == "true" ? "a bootstrapped Synthesizer (such as new DefaultStackSynthesizer())" : "a Synthesizer that needs no bootstrap (the default, LegacyStackSynthesizer)"
                : $"{setting.Property} = {value}");
}
