using System.Runtime.CompilerServices;

namespace SpotConnect.Tests.Support;

internal static class TestEnvironment
{
    /// <summary>Silences jsii's Node 20 end-of-life banner before the first CDK call starts Node.</summary>
    [ModuleInitializer]
    internal static void Initialize() =>
        Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
}
