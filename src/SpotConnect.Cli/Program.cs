namespace SpotConnect.Cli;

/// <summary>Entry point of <c>spot-connect</c>.</summary>
public static class Program
{
    /// <summary>Runs the command line against the process's console; Ctrl+C cancels the running command.</summary>
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, Console.Out, Console.Error);
}
