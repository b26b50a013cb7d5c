import ArgumentParser
@main struct Main { static func main() { print("lenet-tui: under construction") } }
