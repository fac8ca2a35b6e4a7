namespace SpotConnect.Tests.Support;

/// <summary>Tests that set process-wide environment variables: they run alone, never beside another test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "process environment";
}
