namespace SpotConnect.Tests.Support;

/// <summary>Paths inside the repository and the test output.</summary>
internal static class Repo
{
    /// <summary>The repository root (the folder holding SpotConnect.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A file copied next to the test assembly.</summary>
    public static string Output(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);

    /// <summary>
    /// A file in the build output of another project of the solution, in the configuration the tests were built
    /// in (running a program from its own output keeps its own dependency versions).
    /// </summary>
    public static string ProjectOutput(string project, string file)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        return Path.Combine(Root, "src", project, "bin", configuration, "net10.0", file);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SpotConnect.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SpotConnect.sln not found above " + AppContext.BaseDirectory);
    }
}
