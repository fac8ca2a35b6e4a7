namespace SpotConnect.Cli;

/// <summary>Entry point of <c>spot-connect</c>.</summary>
public static class Program
{
    /// <summary>Runs the command line against the process's console.</summary>
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
