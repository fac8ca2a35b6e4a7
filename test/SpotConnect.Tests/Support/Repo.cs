namespace SpotConnect.Tests.Support;

/// <summary>Paths inside the repository and the test output.</summary>
internal static class Repo
{
    /// <summary>The repository root (the folder holding SpotConnect.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A file copied next to the test assembly.</summary>
    public static string Output(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);

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
