namespace MinimalApp;

/// <summary>One empty stack: the least a CDK C# app can synthesize.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main()
    {
        var app = new Amazon.CDK.App();
        _ = new Amazon.CDK.Stack(app, "EmptyStack");
        app.Synth();
    }
}
