extension DatasetLoader {
    /// The names of the files a dataset directory may hold.
    public static let fileNames: Set<String> = [suppliersFile, certificationsFile, dependenciesFile, schemesFile, recognitionFile]

    /// The paths of those files in `directory`, whether they exist or not.
    public static func filePaths(in directory: String) -> [String] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return [suppliersFile, certificationsFile, dependenciesFile, schemesFile, recognitionFile].map { prefix + $0 }
    }
}
